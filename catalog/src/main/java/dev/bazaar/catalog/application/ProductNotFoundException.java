package dev.bazaar.catalog.application;

import java.util.UUID;

/** No product with the id a request names. */
public class ProductNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProductNotFoundException(UUID id) {
        super("No product with id " + id);
    }
}

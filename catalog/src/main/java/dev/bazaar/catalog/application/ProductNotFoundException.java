package dev.bazaar.catalog.application;

import java.util.UUID;

import dev.bazaar.infra.http.ProblemException;

public class ProductNotFoundException extends ProblemException {

    public ProductNotFoundException(UUID id) {
        super(404, "Product not found", "No product with id " + id);
    }
}

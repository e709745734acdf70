package dev.bazaar.catalog.application;

import dev.bazaar.infra.http.ProblemException;

public class DuplicateSkuException extends ProblemException {

    public DuplicateSkuException(String sku) {
        super(409, "Duplicate sku", "A product with sku " + sku + " already exists");
    }
}

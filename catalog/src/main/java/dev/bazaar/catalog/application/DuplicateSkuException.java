package dev.bazaar.catalog.application;

/** A new product with the sku of an existing one. */
public class DuplicateSkuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateSkuException(String sku) {
        super("A product with sku " + sku + " already exists");
    }
}

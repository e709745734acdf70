package dev.bazaar.catalog.application;

/** A domain rule refused the input (request validation normally catches this first). */
public class InvalidProductException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidProductException(String detail) {
        super(detail);
    }
}

package dev.bazaar.catalog.application;

import dev.bazaar.infra.http.ProblemException;

/** A domain rule refused the input (request validation normally catches this first). */
public class InvalidProductException extends ProblemException {

    public InvalidProductException(String detail) {
        super(400, "Invalid product", detail);
    }
}

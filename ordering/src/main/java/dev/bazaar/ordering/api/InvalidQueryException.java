package dev.bazaar.ordering.api;

/** A query parameter that is not what the endpoint takes; the message names it and says what it must be. */
public class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }
}

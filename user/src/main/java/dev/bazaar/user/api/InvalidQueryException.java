package dev.bazaar.user.api;

/** A query parameter that is missing or not what the endpoint takes; the message says which. */
public class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }
}

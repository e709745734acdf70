package dev.bazaar.cart.application;

/** The caller may not do what it asks; the message says why. */
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}

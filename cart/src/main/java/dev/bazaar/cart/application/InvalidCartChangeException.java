package dev.bazaar.cart.application;

/** The cart refused a change's argument (request validation normally catches this first). */
public class InvalidCartChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCartChangeException(String message) {
        super(message);
    }
}

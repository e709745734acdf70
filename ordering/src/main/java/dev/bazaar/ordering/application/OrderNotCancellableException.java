package dev.bazaar.ordering.application;

/** The order is in a state that cannot be cancelled (only a confirmed one can); the message says which. */
public class OrderNotCancellableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrderNotCancellableException(String message) {
        super(message);
    }
}

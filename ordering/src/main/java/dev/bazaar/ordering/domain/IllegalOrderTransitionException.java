package dev.bazaar.ordering.domain;

/** Something asked an order to do what its state does not allow; the message says why, in words for an operator. */
public class IllegalOrderTransitionException extends IllegalStateException {

    public IllegalOrderTransitionException(String message) {
        super(message);
    }
}

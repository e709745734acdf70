package dev.bazaar.cart.domain;

/** A change the cart refuses in its current state; the message is written for the customer. */
public abstract class CartRuleException extends RuntimeException {

    protected CartRuleException(String message) {
        super(message);
    }
}

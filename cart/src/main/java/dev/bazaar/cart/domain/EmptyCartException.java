package dev.bazaar.cart.domain;

/** Checkout of a cart without lines: there would be nothing to order. */
public class EmptyCartException extends CartRuleException {

    public EmptyCartException() {
        super("cart is empty");
    }
}

package dev.bazaar.cart.domain;

import java.util.UUID;

/** The cart is frozen for an order (or closed by one) and cannot change until the order's outcome reopens it. */
public class CartNotOpenException extends CartRuleException {

    public CartNotOpenException(CartStatus status, UUID orderId) {
        super(status == CartStatus.CHECKED_OUT
                ? "cart is checked out (order " + orderId + "); wait for the order's outcome"
                : "cart is closed (order " + orderId + ")");
    }
}

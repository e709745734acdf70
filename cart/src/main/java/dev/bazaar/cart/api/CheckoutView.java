package dev.bazaar.cart.api;

import java.util.UUID;

import dev.bazaar.cart.application.CheckedOut;
import dev.bazaar.cart.domain.CartStatus;

/** Body of the 202 answer to a checkout: the order to follow at {@code /orders/{orderId}}. */
public record CheckoutView(UUID orderId, UUID cartId, CartStatus status) {

    static CheckoutView of(CheckedOut checkedOut) {
        return new CheckoutView(checkedOut.orderId(), checkedOut.cartId(), CartStatus.CHECKED_OUT);
    }
}

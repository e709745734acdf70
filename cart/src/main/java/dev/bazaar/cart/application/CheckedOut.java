package dev.bazaar.cart.application;

import java.util.UUID;

/** A cart frozen as the lines of a new order; ordering creates the order with this id. */
public record CheckedOut(UUID orderId, UUID cartId) {
}

package dev.bazaar.ordering.application;

import java.util.UUID;

/** No order with this id, or one the caller may not see (another customer's order is not found either). */
public class OrderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrderNotFoundException(UUID orderId) {
        super("No order with id " + orderId);
    }
}

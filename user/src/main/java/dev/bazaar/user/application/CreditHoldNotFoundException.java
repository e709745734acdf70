package dev.bazaar.user.application;

import java.util.UUID;

/** The user service never heard of the order whose credit hold is asked for. */
public class CreditHoldNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CreditHoldNotFoundException(UUID orderId) {
        super("The user service holds no credit for order " + orderId);
    }
}

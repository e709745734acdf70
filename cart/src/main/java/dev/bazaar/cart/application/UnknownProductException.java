package dev.bazaar.cart.application;

import java.util.UUID;

/** A cart line for a product cart has no copy of (unknown to catalog, or not announced yet). */
public class UnknownProductException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownProductException(UUID productId) {
        super("unknown product " + productId);
    }
}

package dev.bazaar.catalog.application;

import java.util.UUID;

/** Catalog never heard of the order whose stock reservation is asked for. */
public class StockReservationNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StockReservationNotFoundException(UUID orderId) {
        super("Catalog holds no stock reservation for order " + orderId);
    }
}

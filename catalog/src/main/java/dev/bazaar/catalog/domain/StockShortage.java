package dev.bazaar.catalog.domain;

import java.util.Objects;
import java.util.UUID;

/** A line that could not be reserved: the product is unknown ({@code sku} null) or has too little on hand. */
public record StockShortage(UUID productId, String sku, int wanted, int available) {

    public StockShortage {
        Objects.requireNonNull(productId, "productId");
    }

    public boolean unknownProduct() {
        return sku == null;
    }

    /** The human-readable reason an operator or a customer reads, e.g. "out of stock: SKU-12 (wanted 3, have 1)". */
    public String describe() {
        if (unknownProduct()) {
            return "unknown product: " + productId;
        }
        return "out of stock: " + sku + " (wanted " + wanted + ", have " + available + ")";
    }
}

package dev.bazaar.catalog.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/** One reserved product of an order, priced with the catalog price at the moment of reservation. */
public record ReservationLine(UUID productId, String sku, int quantity, BigDecimal unitPrice) {

    public ReservationLine {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
        unitPrice = Prices.require(unitPrice);
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}

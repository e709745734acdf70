package dev.bazaar.cart.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** One cart line priced with the product's current local price. */
public record PricedLine(UUID productId, String sku, String name, BigDecimal unitPrice, int quantity,
        BigDecimal lineTotal) {
}

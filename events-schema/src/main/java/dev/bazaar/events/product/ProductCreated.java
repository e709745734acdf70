package dev.bazaar.events.product;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Event {@code product.created}.
 */
public record ProductCreated(UUID productId, String sku, String name, BigDecimal price) {
}

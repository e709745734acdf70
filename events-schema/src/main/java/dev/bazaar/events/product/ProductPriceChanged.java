package dev.bazaar.events.product;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Event {@code product.price-changed}.
 */
public record ProductPriceChanged(UUID productId, String sku, BigDecimal oldPrice, BigDecimal newPrice) {
}

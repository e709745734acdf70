package dev.bazaar.events.stock;

import java.util.UUID;

/**
 * A line of {@link StockRejected}; {@code sku} is null when catalog does not know the product.
 */
public record ShortLine(UUID productId, String sku, int wanted, int available) {
}

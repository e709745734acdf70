package dev.bazaar.events.stock;

import java.util.UUID;

/**
 * One product and a positive quantity, used by {@link ReserveStock} and {@link StockReleased}.
 */
public record StockLine(UUID productId, int quantity) {
}

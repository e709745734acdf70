package dev.bazaar.events.stock;

import java.util.List;
import java.util.UUID;

/**
 * Command {@code stock.reserve}: reserve every line or none of them.
 */
public record ReserveStock(UUID orderId, List<StockLine> lines) {
}

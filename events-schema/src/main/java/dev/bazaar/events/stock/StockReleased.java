package dev.bazaar.events.stock;

import java.util.List;
import java.util.UUID;

/**
 * Reply {@code stock.released}; an empty {@code returnedLines} means nothing was held (a successful no-op).
 */
public record StockReleased(UUID orderId, List<StockLine> returnedLines) {
}

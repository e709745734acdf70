package dev.bazaar.events.stock;

import java.util.List;
import java.util.UUID;

/**
 * Reply {@code stock.rejected}: nothing was reserved; {@code shortLines} says which lines could not be served.
 */
public record StockRejected(UUID orderId, String reason, List<ShortLine> shortLines) {
}

package dev.bazaar.events.stock;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Reply {@code stock.reserved}: all lines are held, priced with catalog's authoritative unit prices.
 */
public record StockReserved(UUID orderId, List<ReservedLine> lines, BigDecimal total) {
}

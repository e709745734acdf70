package dev.bazaar.events.stock;

import java.util.UUID;

/**
 * Command {@code stock.commit}: the order is confirmed, the reserved stock becomes sold.
 */
public record CommitStock(UUID orderId) {
}

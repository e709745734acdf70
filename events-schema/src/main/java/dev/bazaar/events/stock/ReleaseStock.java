package dev.bazaar.events.stock;

import java.util.UUID;

/**
 * Command {@code stock.release}: give back whatever the order holds or bought (compensation or cancellation).
 */
public record ReleaseStock(UUID orderId, String reason) {
}

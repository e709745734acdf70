package dev.bazaar.events.order;

import java.util.UUID;

/**
 * Event {@code order.cancelled}: a confirmed order was cancelled, its stock returned and its credit refunded.
 */
public record OrderCancelled(UUID orderId, UUID customerId, String reason) {
}

package dev.bazaar.events.order;

import java.util.UUID;

/**
 * Event {@code order.rejected}: the saga compensated what it had done; the reason is readable by the customer.
 */
public record OrderRejected(UUID orderId, UUID customerId, String reason) {
}

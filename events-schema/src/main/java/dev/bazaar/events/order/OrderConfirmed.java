package dev.bazaar.events.order;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Event {@code order.confirmed}: stock committed and credit captured for the order.
 */
public record OrderConfirmed(UUID orderId, UUID customerId, BigDecimal total) {
}

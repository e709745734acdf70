package dev.bazaar.events.credit;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Command {@code credit.reserve}: hold {@code amount} of the customer's balance for the order.
 */
public record ReserveCredit(UUID orderId, UUID customerId, BigDecimal amount) {
}

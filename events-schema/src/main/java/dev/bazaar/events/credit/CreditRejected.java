package dev.bazaar.events.credit;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Reply {@code credit.rejected}: nothing was held.
 */
public record CreditRejected(UUID orderId, UUID customerId, String reason, BigDecimal requested, BigDecimal available) {
}

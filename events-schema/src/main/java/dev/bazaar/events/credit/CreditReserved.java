package dev.bazaar.events.credit;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Reply {@code credit.reserved}: {@code amount} is held for the order.
 */
public record CreditReserved(UUID orderId, UUID customerId, BigDecimal amount) {
}

package dev.bazaar.events.credit;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Reply {@code credit.released}: {@code amount} went back to the balance; zero means there was nothing to return.
 */
public record CreditReleased(UUID orderId, UUID customerId, BigDecimal amount) {
}

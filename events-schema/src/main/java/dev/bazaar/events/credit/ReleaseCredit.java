package dev.bazaar.events.credit;

import java.util.UUID;

/**
 * Command {@code credit.release}: return the order's hold or refund its captured charge.
 */
public record ReleaseCredit(UUID orderId, UUID customerId, String reason) {
}

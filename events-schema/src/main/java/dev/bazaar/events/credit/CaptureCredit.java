package dev.bazaar.events.credit;

import java.util.UUID;

/**
 * Command {@code credit.capture}: the order is confirmed, its hold becomes a charge.
 */
public record CaptureCredit(UUID orderId, UUID customerId) {
}

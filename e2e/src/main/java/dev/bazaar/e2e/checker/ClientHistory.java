package dev.bazaar.e2e.checker;

import java.util.Set;
import java.util.UUID;

/**
 * What clients saw: the ids of orders answered 2xx, the customers they used and how many distinct requests
 * (Idempotency-Keys) they sent. Each request may create at most one order.
 */
public record ClientHistory(Set<UUID> accepted, Set<UUID> customers, int requestsSent) {
}

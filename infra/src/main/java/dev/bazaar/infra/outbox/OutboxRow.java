package dev.bazaar.infra.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One pending outbox message as the relay reads it. {@code createdAt} is the row's created_at (the start of the
 * transaction that wrote it), from which the relay lag is measured.
 */
record OutboxRow(long seq, UUID id, String routingKey, String type, String correlationId, String body,
        Instant createdAt) {
}

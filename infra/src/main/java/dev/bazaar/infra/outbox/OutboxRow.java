package dev.bazaar.infra.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One pending outbox message as the relay reads it. {@code createdAt} is the row's created_at (when it was
 * inserted, just before its transaction committed), from which the relay lag is measured; {@code traceparent} the W3C
 * trace context of the span that wrote it (null if none), sent as the AMQP header of that name.
 */
record OutboxRow(long seq, UUID id, String routingKey, String type, String correlationId, String body,
        Instant createdAt, String traceparent) {
}

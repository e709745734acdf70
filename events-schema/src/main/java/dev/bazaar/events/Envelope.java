package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * What travels on the broker: routing and tracing metadata around one message payload.
 * The payload stays a {@link JsonNode} until a handler asks {@link MessageCodec#payload} for its record,
 * so the infrastructure can route, deduplicate and dead-letter without knowing every type.
 *
 * @param correlationId the order id for every message of one order's saga
 * @param causationId   id of the message that caused this one; null when a user action or timer caused it
 */
public record Envelope(
        UUID id,
        String type,
        int version,
        Instant occurredAt,
        String source,
        String aggregateId,
        String correlationId,
        UUID causationId,
        JsonNode payload) {
}

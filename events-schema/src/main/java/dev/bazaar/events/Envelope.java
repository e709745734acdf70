package dev.bazaar.events;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param traceparent   the W3C trace context of the span that wrote the message, so its consumer continues the same
 *                      trace (also sent as the AMQP header {@code traceparent}); null if it was written outside one
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
        JsonNode payload,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    /** An envelope without trace context. */
    public Envelope(UUID id, String type, int version, Instant occurredAt, String source, String aggregateId,
            String correlationId, UUID causationId, JsonNode payload) {
        this(id, type, version, occurredAt, source, aggregateId, correlationId, causationId, payload, null);
    }
}

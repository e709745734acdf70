package dev.bazaar.infra.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import dev.bazaar.infra.messaging.ServiceIdentity;
import dev.bazaar.infra.tracing.MessageTracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The only way a service sends a message: the row is inserted through the caller's current reactive session, so it
 * commits or rolls back together with the state change it announces. The code that committed the transaction publishes
 * the rows right after the commit ({@link PublishAfterCommit}); {@link OutboxRelay} recovers the rows whose publish
 * did not complete.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_message "
            + "(id, routing_key, message_type, aggregate_id, correlation_id, body, traceparent) "
            + "values (:id, :routingKey, :type, :aggregateId, :correlationId, :body, :traceparent)";

    private final MessageCodec codec;
    private final ServiceIdentity service;
    private final MessageTracing tracing;

    Outbox(MessageCodec codec, ServiceIdentity service, MessageTracing tracing) {
        this.codec = codec;
        this.service = service;
        this.tracing = tracing;
    }

    /** Queues a message in the current transaction; must run inside one ({@code @WithTransaction} or a handler). */
    public <P> Uni<Envelope> enqueue(MessageType<P> type, P payload, String aggregateId, String correlationId,
            UUID causationId) {
        return enqueue(type, payload, aggregateId, correlationId, causationId, tracing.traceparentFor(causationId));
    }

    /**
     * Queues a message that continues the trace {@code traceparent} names (none if null), for work no message or
     * request caused that traces itself, such as a deadline expiry.
     */
    public <P> Uni<Envelope> enqueue(MessageType<P> type, P payload, String aggregateId, String correlationId,
            UUID causationId, String traceparent) {
        Written message = wrap(type, payload, aggregateId, correlationId, causationId, traceparent);
        OutboxRow row = message.row();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", row.id())
                        .setParameter("routingKey", row.routingKey())
                        .setParameter("type", row.type())
                        .setParameter("aggregateId", aggregateId)
                        .setParameter("correlationId", correlationId)
                        .setParameter("body", row.body())
                        .setParameter("traceparent", row.traceparent())
                        .executeUpdate())
                .invoke(() -> PendingOutbox.written(row))
                .replaceWith(message.envelope());
    }

    /** A message as this service sends it: its envelope, and the outbox row that carries it. */
    record Written(Envelope envelope, String aggregateId, OutboxRow row) {
    }

    /**
     * Wraps a payload into this service's envelope and the outbox row that carries it (not yet stored), with the trace
     * context of the message that caused it, or of the current span.
     */
    <P> Written wrap(MessageType<P> type, P payload, String aggregateId, String correlationId, UUID causationId) {
        return wrap(type, payload, aggregateId, correlationId, causationId, tracing.traceparentFor(causationId));
    }

    private <P> Written wrap(MessageType<P> type, P payload, String aggregateId, String correlationId,
            UUID causationId, String traceparent) {
        Envelope envelope = codec.wrap(type, payload, service.name(), aggregateId, correlationId, causationId,
                traceparent);
        String body = new String(codec.encode(envelope), StandardCharsets.UTF_8);
        return new Written(envelope, aggregateId, new OutboxRow(-1, envelope.id(), type.type(), type.type(),
                correlationId, body, Instant.now(), traceparent));
    }

    /** A collector for the messages of one batch of plain-SQL handlers. */
    public OutboxBatch batch() {
        return new OutboxBatch(this);
    }

    /** Queues a reply to {@code cause}: same correlation id (the saga's order id), caused by that message. */
    public <P> Uni<Envelope> reply(MessageType<P> type, P payload, String aggregateId, Envelope cause) {
        return enqueue(type, payload, aggregateId, cause.correlationId(), cause.id());
    }
}

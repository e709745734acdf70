package dev.bazaar.infra.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import dev.bazaar.infra.messaging.ServiceIdentity;
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
            + "(id, routing_key, message_type, aggregate_id, correlation_id, body) "
            + "values (:id, :routingKey, :type, :aggregateId, :correlationId, :body)";

    private final MessageCodec codec;
    private final ServiceIdentity service;

    Outbox(MessageCodec codec, ServiceIdentity service) {
        this.codec = codec;
        this.service = service;
    }

    /** Queues a message in the current transaction; must run inside one ({@code @WithTransaction} or a handler). */
    public <P> Uni<Envelope> enqueue(MessageType<P> type, P payload, String aggregateId, String correlationId,
            UUID causationId) {
        Envelope envelope = codec.wrap(type, payload, service.name(), aggregateId, correlationId, causationId);
        String body = new String(codec.encode(envelope), StandardCharsets.UTF_8);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", envelope.id())
                        .setParameter("routingKey", type.type())
                        .setParameter("type", type.type())
                        .setParameter("aggregateId", aggregateId)
                        .setParameter("correlationId", correlationId)
                        .setParameter("body", body)
                        .executeUpdate())
                .invoke(() -> PendingOutbox.written(new OutboxRow(-1, envelope.id(), type.type(), type.type(),
                        correlationId, body, Instant.now())))
                .replaceWith(envelope);
    }

    /** A collector for the messages of one batch of plain-SQL handlers. */
    public OutboxBatch batch() {
        return new OutboxBatch(codec, service.name());
    }

    /** Queues a reply to {@code cause}: same correlation id (the saga's order id), caused by that message. */
    public <P> Uni<Envelope> reply(MessageType<P> type, P payload, String aggregateId, Envelope cause) {
        return enqueue(type, payload, aggregateId, cause.correlationId(), cause.id());
    }
}

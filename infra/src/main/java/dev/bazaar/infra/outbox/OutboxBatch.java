package dev.bazaar.infra.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageType;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The messages a batch of plain-SQL handlers sends: collected in memory, inserted into the outbox with one statement
 * inside the batch's transaction ({@link #insert}), and published right after the commit
 * ({@link PublishAfterCommit#publish(OutboxBatch)}), which first runs the batch's {@link #afterCommit} actions.
 */
public final class OutboxBatch {

    private static final String INSERT = "insert into outbox_message "
            + "(id, routing_key, message_type, aggregate_id, correlation_id, body, traceparent) "
            + "select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
            + "$7::text[])";

    private final Outbox outbox;
    private final List<Outbox.Written> messages = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Uni<?>> lastWrites = new ArrayList<>();

    OutboxBatch(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Queues a message; it is written with the batch's transaction. */
    public <P> Envelope add(MessageType<P> type, P payload, String aggregateId, String correlationId,
            UUID causationId) {
        Outbox.Written message = outbox.wrap(type, payload, aggregateId, correlationId, causationId);
        messages.add(message);
        return message.envelope();
    }

    /** Queues a reply to {@code cause}: same correlation id (the saga's order id), caused by that message. */
    public <P> Envelope reply(MessageType<P> type, P payload, String aggregateId, Envelope cause) {
        return add(type, payload, aggregateId, cause.correlationId(), cause.id());
    }

    /** One insert of every queued row, on the batch's transaction. */
    public Uni<Void> insert(SqlConnection transaction) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = messages.size();
        UUID[] ids = new UUID[size];
        String[] keys = new String[size];
        String[] aggregates = new String[size];
        String[] correlations = new String[size];
        String[] bodies = new String[size];
        String[] traceparents = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxRow row = messages.get(i).row();
            ids[i] = row.id();
            keys[i] = row.routingKey();
            aggregates[i] = messages.get(i).aggregateId();
            correlations[i] = row.correlationId();
            bodies[i] = row.body();
            traceparents[i] = row.traceparent();
        }
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(keys).addArrayOfString(keys)
                        .addArrayOfString(aggregates).addArrayOfString(correlations).addArrayOfString(bodies)
                        .addArrayOfString(traceparents))
                .replaceWithVoid();
    }

    /**
     * Sends {@code write} (not yet subscribed) in the transaction's last round trip: behind everything sent before
     * it, together with the outbox insert and the {@code COMMIT}. For a handler's final writes, whose results it does
     * not need: they cost no round trip of their own. Infra sends them before the next handler of the same batch
     * starts, so that one reads what they wrote; if one fails, the transaction rolls back as a whole.
     */
    public void writeWithCommit(Uni<?> write) {
        lastWrites.add(write);
    }

    /** The writes queued by {@link #writeWithCommit} since the last call, in the order they were queued. */
    public List<Uni<Void>> takeWrites() {
        List<Uni<Void>> taken = new ArrayList<>(lastWrites.size() + 1);
        lastWrites.forEach(write -> taken.add(write.replaceWithVoid()));
        lastWrites.clear();
        return taken;
    }

    /** The transaction's last writes, to send with its {@code COMMIT}: the queued ones, then the outbox insert. */
    public List<Uni<Void>> lastWrites(SqlConnection transaction) {
        List<Uni<Void>> writes = takeWrites();
        writes.add(insert(transaction));
        return writes;
    }

    /**
     * Runs {@code action} once the batch's transaction committed, never if it rolled back (a batch that is split and
     * applied again starts with a new {@code OutboxBatch}): for what must count only what was stored, such as metrics.
     */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Called by whoever committed the batch's transaction, before its rows are published. */
    void committed() {
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                Log.warnf("An after-commit action of an outbox batch failed: %s", e.toString());
            }
        }
        afterCommit.clear();
    }

    List<OutboxRow> rows() {
        return messages.stream().map(Outbox.Written::row).toList();
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}

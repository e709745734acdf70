package dev.bazaar.infra.inbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Everything a service says about one queue it consumes: its name, the inbox it records processed messages in, and
 * one line per message type naming the handler. The queue is bound to the producer's exchange
 * ({@code <producer>.events}, from {@link Contracts#producer}) with the type as routing key, so adding a message type
 * is one call ({@link Builder#onBatch}, or {@link Locked#onBatch} with the rows it touches on a queue with a
 * {@link BatchLock}). A service exposes each of its queues as a CDI bean of this type; infra declares the
 * queue (quorum, with its dead-letter queue), consumes it in batches and applies the handlers.
 */
public final class MessageRoutes {

    private final String inbox;
    private final String queue;
    private final Map<String, Route<?>> routes;
    private final Map<String, Set<String>> bindings;
    private final boolean plainSql;
    private final BatchLock<?> batchLock;

    private MessageRoutes(String inbox, String queue, Map<String, Route<?>> routes, Map<String, Set<String>> bindings,
            BatchLock<?> batchLock) {
        this.plainSql = routes.values().stream().allMatch(route -> route.batchHandler() != null);
        if (!plainSql && routes.values().stream().anyMatch(route -> route.batchHandler() != null)) {
            throw new IllegalArgumentException("Queue " + queue + " mixes plain-SQL batch handlers with Panache ones");
        }
        this.inbox = inbox;
        this.queue = queue;
        this.routes = Map.copyOf(routes);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        bindings.forEach((exchange, keys) -> copy.put(exchange, Set.copyOf(keys)));
        this.bindings = java.util.Collections.unmodifiableMap(copy);
        if (batchLock != null && !plainSql) {
            throw new IllegalArgumentException("Queue " + queue + " has a batch lock but Panache handlers");
        }
        if (batchLock != null && routes.values().stream().anyMatch(route -> route.lockKeys() == null)) {
            throw new IllegalArgumentException("Queue " + queue + " has a batch lock and a route without lock keys");
        }
        this.batchLock = batchLock;
    }

    /**
     * @param inbox the consumer name in the inbox table (stable: renaming it forgets which messages were processed)
     * @param queue the RabbitMQ queue; its dead letters go to {@code <queue>.dlq}
     */
    public static Builder builder(String inbox, String queue) {
        return new Builder(inbox, queue);
    }

    public String inbox() {
        return inbox;
    }

    public String queue() {
        return queue;
    }

    public String deadLetterQueue() {
        return queue + ".dlq";
    }

    /** Exchange to routing keys this queue is bound with. */
    public Map<String, Set<String>> bindings() {
        return bindings;
    }

    Optional<Route<?>> route(Envelope envelope) {
        return Optional.ofNullable(routes.get(key(envelope.type(), envelope.version())));
    }

    private static String key(String type, int version) {
        return type + ".v" + version;
    }

    /** Whether every handler is a plain-SQL {@link BatchHandler} (the batch runs on the SQL pool, no ORM session). */
    boolean plainSql() {
        return plainSql;
    }

    /** Whether the queue has a {@link BatchLock}, which a batch of several message types runs first. */
    boolean locksFirst() {
        return batchLock != null;
    }

    /**
     * Runs the queue's {@link BatchLock} over {@code messages} (received on this queue): it locks every row their
     * routes' {@link LockKeys} name. Nothing for a queue without one; a failed item for a message of a type the queue
     * does not route.
     */
    public Uni<Void> lock(SqlConnection transaction, List<? extends Received<?>> messages) {
        return lock(transaction, messages, message -> route(message.envelope()).orElseThrow(
                () -> new IllegalArgumentException("No route for " + message.envelope().type() + " v"
                        + message.envelope().version() + " on " + queue)), Received::payload);
    }

    /** The same for messages whose route is known already, as a batch's are: no lookup by type again. */
    <M> Uni<Void> lock(SqlConnection transaction, List<M> messages, Function<M, Route<?>> routeOf,
            Function<M, Object> payloadOf) {
        return batchLock == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().deferred(() -> lock(batchLock, transaction, messages, routeOf, payloadOf));
    }

    private <K, M> Uni<Void> lock(BatchLock<K> lock, SqlConnection transaction, List<M> messages,
            Function<M, Route<?>> routeOf, Function<M, Object> payloadOf) {
        Set<K> keys = new LinkedHashSet<>();
        for (M message : messages) {
            routeOf.apply(message).addLockKeys(payloadOf.apply(message), keys);
        }
        keys.remove(null);
        return lock.lock(transaction, keys);
    }

    /**
     * A message type bound to its handler: a per-message Panache one, or a plain-SQL batch one, with the rows its
     * messages touch on a queue with a {@link BatchLock} (else null).
     */
    record Route<P>(MessageType<P> type, MessageHandler<P> handler, BatchHandler<P> batchHandler,
            LockKeys<P, ?> lockKeys) {

        Uni<Void> apply(MessageCodec codec, Envelope envelope) {
            return handler.handle(codec.payload(envelope, type), envelope);
        }

        Received<P> received(MessageCodec codec, Envelope envelope) {
            return new Received<>(codec.payload(envelope, type), envelope);
        }

        /** Adds the rows {@code payload} (of this route's type) touches; the builder typed the keys as the lock's. */
        @SuppressWarnings("unchecked")
        <K> void addLockKeys(Object payload, Set<K> keys) {
            ((LockKeys<P, K>) lockKeys).addTo(type.payloadClass().cast(payload), keys::add);
        }
    }

    /** Collects routes; one handler per type and version. */
    public static final class Builder {

        private final String inbox;
        private final String queue;
        private final Map<String, Route<?>> routes = new HashMap<>();
        private final Map<String, Set<String>> bindings = new LinkedHashMap<>();
        private BatchLock<?> batchLock;

        private Builder(String inbox, String queue) {
            this.inbox = inbox;
            this.queue = queue;
        }

        /** Routes {@code type} from its producer's exchange to {@code handler}. */
        public <P> Builder on(MessageType<P> type, MessageHandler<P> handler) {
            return on(type, Contracts.producer(type) + ".events", handler);
        }

        /** Routes {@code type}, published on {@code exchange}, to {@code handler}. */
        public <P> Builder on(MessageType<P> type, String exchange, MessageHandler<P> handler) {
            return add(exchange, new Route<>(type, handler, null, null));
        }

        /** Routes {@code type} from its producer's exchange to a plain-SQL batch handler. */
        public <P> Builder onBatch(MessageType<P> type, BatchHandler<P> handler) {
            return add(Contracts.producer(type) + ".events", new Route<>(type, null, handler, null));
        }

        /**
         * Locks the rows a batch of several message types touches, once, before the plain-SQL handlers run (see
         * {@link BatchLock}). A batch of one type needs none: its one handler locks its rows once. Declared before
         * the queue's routes, each of which then names the rows its messages touch.
         */
        public <K> Locked<K> lockFirst(BatchLock<K> lock) {
            if (!routes.isEmpty()) {
                throw new IllegalStateException("Queue " + queue + ": declare its batch lock before its routes");
            }
            if (batchLock != null) {
                throw new IllegalStateException("Queue " + queue + " has a batch lock already");
            }
            this.batchLock = lock;
            return new Locked<>(this);
        }

        private Builder add(String exchange, Route<?> route) {
            MessageType<?> type = route.type();
            if (routes.putIfAbsent(key(type.type(), type.version()), route) != null) {
                throw new IllegalArgumentException("Two handlers for " + type.schemaId() + " on " + queue);
            }
            bindings.computeIfAbsent(exchange, ignored -> new LinkedHashSet<>()).add(type.type());
            return this;
        }

        public MessageRoutes build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("Queue " + queue + " has no routes");
            }
            return new MessageRoutes(inbox, queue, routes, bindings, batchLock);
        }
    }

    /**
     * The routes of a queue with a {@link BatchLock}: every message type comes with the rows its messages touch, so
     * none can be left out of the lock.
     *
     * @param <K> what names one row to lock, as the queue's lock takes it
     */
    public static final class Locked<K> {

        private final Builder builder;

        private Locked(Builder builder) {
            this.builder = builder;
        }

        /** Routes {@code type} to a plain-SQL batch handler; {@code keys} names the rows each message touches. */
        public <P> Locked<K> onBatch(MessageType<P> type, BatchHandler<P> handler, LockKeys<P, K> keys) {
            builder.add(Contracts.producer(type) + ".events", new Route<>(type, null, handler, keys));
            return this;
        }

        public MessageRoutes build() {
            return builder.build();
        }
    }
}

package dev.bazaar.infra.inbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import io.smallrye.mutiny.Uni;

/**
 * Everything a service says about one queue it consumes: its name, the inbox it records processed messages in, and
 * one line per message type naming the handler. The queue is bound to the producer's exchange
 * ({@code <producer>.events}, from {@link Contracts#producer}) with the type as routing key, so adding a message type
 * is one {@link Builder#on} call. A service exposes each of its queues as a CDI bean of this type; infra declares the
 * queue (quorum, with its dead-letter queue), consumes it in batches and applies the handlers.
 */
public final class MessageRoutes {

    private final String inbox;
    private final String queue;
    private final Map<String, Route<?>> routes;
    private final Map<String, Set<String>> bindings;
    private final boolean plainSql;
    private final BatchLock batchLock;

    private MessageRoutes(String inbox, String queue, Map<String, Route<?>> routes, Map<String, Set<String>> bindings,
            BatchLock batchLock) {
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

    /** What locks a batch's rows before handlers of several types run, or null. */
    BatchLock batchLock() {
        return batchLock;
    }

    /** A message type bound to its handler: a per-message Panache one, or a plain-SQL batch one. */
    record Route<P>(MessageType<P> type, MessageHandler<P> handler, BatchHandler<P> batchHandler) {

        Uni<Void> apply(MessageCodec codec, Envelope envelope) {
            return handler.handle(codec.payload(envelope, type), envelope);
        }

        Received<P> received(MessageCodec codec, Envelope envelope) {
            return new Received<>(codec.payload(envelope, type), envelope);
        }
    }

    /** Collects routes; one handler per type and version. */
    public static final class Builder {

        private final String inbox;
        private final String queue;
        private final Map<String, Route<?>> routes = new HashMap<>();
        private final Map<String, Set<String>> bindings = new LinkedHashMap<>();
        private BatchLock batchLock;

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
            return add(exchange, new Route<>(type, handler, null));
        }

        /** Routes {@code type} from its producer's exchange to a plain-SQL batch handler. */
        public <P> Builder onBatch(MessageType<P> type, BatchHandler<P> handler) {
            return add(Contracts.producer(type) + ".events", new Route<>(type, null, handler));
        }

        /**
         * Locks the rows a batch of several message types touches, once, before the plain-SQL handlers run (see
         * {@link BatchLock}). A batch of one type needs none: its one handler locks its rows once.
         */
        public Builder lockFirst(BatchLock lock) {
            this.batchLock = lock;
            return this;
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
}

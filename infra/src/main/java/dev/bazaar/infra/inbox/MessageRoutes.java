package dev.bazaar.infra.inbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import io.smallrye.mutiny.Uni;

/** Which handler applies which message type on one incoming channel; the channel name also names the inbox. */
public final class MessageRoutes {

    private final String channel;
    private final Map<String, Route<?>> routes;

    private MessageRoutes(String channel, Map<String, Route<?>> routes) {
        this.channel = channel;
        this.routes = Map.copyOf(routes);
    }

    public static Builder builder(String channel) {
        return new Builder(channel);
    }

    public String channel() {
        return channel;
    }

    Optional<Route<?>> route(Envelope envelope) {
        return Optional.ofNullable(routes.get(key(envelope.type(), envelope.version())));
    }

    private static String key(String type, int version) {
        return type + ".v" + version;
    }

    /** A message type bound to its handler. */
    record Route<P>(MessageType<P> type, MessageHandler<P> handler) {

        Uni<Void> apply(MessageCodec codec, Envelope envelope) {
            return handler.handle(codec.payload(envelope, type), envelope);
        }
    }

    /** Collects routes; one handler per type and version. */
    public static final class Builder {

        private final String channel;
        private final Map<String, Route<?>> routes = new HashMap<>();

        private Builder(String channel) {
            this.channel = channel;
        }

        public <P> Builder on(MessageType<P> type, MessageHandler<P> handler) {
            if (routes.putIfAbsent(key(type.type(), type.version()), new Route<>(type, handler)) != null) {
                throw new IllegalArgumentException("Two handlers for " + type.schemaId() + " on " + channel);
            }
            return this;
        }

        public MessageRoutes build() {
            return new MessageRoutes(channel, routes);
        }
    }
}

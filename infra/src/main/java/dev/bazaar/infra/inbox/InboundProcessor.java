package dev.bazaar.infra.inbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.InvalidMessageException;
import dev.bazaar.events.MessageCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Consumes one message of a channel: decode and validate it (a poison message is dead-lettered at once with the
 * reason), then record it in the inbox and apply its handler in one transaction. A duplicate is acknowledged with no
 * effect. A handler failure is retried with exponential backoff; after the last attempt the message is dead-lettered.
 * The broker message is acknowledged only after the transaction committed or the message was parked.
 */
@ApplicationScoped
public class InboundProcessor {

    private final MessageCodec codec;
    private final InboxGuard inbox;
    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final Config mpConfig;
    private final ConcurrentHashMap<String, String> queues = new ConcurrentHashMap<>();

    InboundProcessor(MessageCodec codec, InboxGuard inbox, DeadLetters deadLetters, InboxConfig config,
            Config mpConfig) {
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.config = config;
        this.mpConfig = mpConfig;
    }

    public Uni<Void> process(Message<?> message, MessageRoutes routes) {
        byte[] body = bodyOf(message.getPayload());
        Envelope envelope;
        try {
            envelope = codec.decode(body);
        } catch (InvalidMessageException e) {
            return park(message, routes, body, "invalid message: " + e.getMessage(), 0);
        }
        var route = routes.route(envelope);
        if (route.isEmpty()) {
            return park(message, routes, body,
                    "no handler for " + envelope.type() + ".v" + envelope.version() + " on " + routes.channel(), 0);
        }
        AtomicInteger attempts = new AtomicInteger();
        Executor onContext = contextExecutor();
        return Uni.createFrom().deferred(() -> {
                    attempts.incrementAndGet();
                    return Panache.withTransaction(() -> inbox.claim(routes.channel(), envelope)
                            .chain(first -> first
                                    ? route.get().apply(codec, envelope).replaceWith(Boolean.TRUE)
                                    : Uni.createFrom().item(Boolean.FALSE)));
                })
                .runSubscriptionOn(onContext)
                .onFailure(failure -> !(failure instanceof RejectedMessageException)).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(0.2)
                .atMost(Math.max(0, config.maxAttempts() - 1))
                .chain(applied -> {
                    if (!applied) {
                        Log.debugf("Duplicate %s %s (correlation %s) on %s acknowledged without effect",
                                envelope.type(), envelope.id(), envelope.correlationId(), routes.channel());
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> park(message, routes, body, reason(failure, attempts.get()),
                        attempts.get()));
    }

    private Uni<Void> park(Message<?> message, MessageRoutes routes, byte[] body, String reason, int attempts) {
        String queue = queueOf(routes.channel());
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        Log.warnf("Dead-lettering message %s from %s: %s",
                metadata == null ? "?" : metadata.getMessageId().orElse("?"), queue, reason);
        return deadLetters.park(queue, body, metadata, reason, attempts)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    // The DLQ publish failed: reject instead, the queue's own dead-letter exchange still parks it.
                    Log.warnf("Could not publish dead letter to %s.dlq (%s); rejecting", queue, failure.toString());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private String queueOf(String channel) {
        return queues.computeIfAbsent(channel, name -> mpConfig
                .getOptionalValue("mp.messaging.incoming." + name + ".queue.name", String.class).orElse(name));
    }

    private static String reason(Throwable failure, int attempts) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() != null && cause.getMessage().startsWith("Retries")) {
            cause = cause.getCause();
        }
        if (cause instanceof RejectedMessageException) {
            return "rejected by handler: " + cause.getMessage();
        }
        return "handler failed after " + attempts + " attempt(s): " + cause;
    }

    private static Executor contextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }

    private static byte[] bodyOf(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof JsonObject json) {
            return json.encode().getBytes(StandardCharsets.UTF_8);
        }
        return String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
    }
}

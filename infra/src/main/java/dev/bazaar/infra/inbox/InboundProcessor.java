package dev.bazaar.infra.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.InvalidMessageException;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import dev.bazaar.infra.tracing.MessageTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Applies a batch of deliveries of one queue.
 * <ol>
 * <li>Each body is decoded and validated; a poison message (bad JSON, invalid against its schema, no handler here) is
 * dead-lettered at once with the reason and takes no part in the rest.</li>
 * <li>The valid ones are applied in <em>one</em> transaction ({@link SqlBatch} for plain-SQL handlers,
 * {@link PanacheBatch} for Panache ones): one statement claims their inbox rows, the handlers of the claimed messages
 * run (copies already in the inbox have no effect), and the outbox rows they wrote are published right after the
 * commit ({@link PublishAfterCommit}); then every message of the batch is acknowledged.</li>
 * <li>If that transaction fails, the batch is split until the message at fault is alone: it is retried in
 * transactions of its own with exponential backoff and dead-lettered with the reason after the last attempt (a
 * {@link RejectedMessageException} at once); the others are applied without it. So a message that fails holds back
 * or rolls back no other one.</li>
 * </ol>
 * Every delivery is settled exactly once through {@link Settlement}: acknowledged once its effect committed (or it
 * was a duplicate, or it was parked), or rejected to the queue's own dead-letter exchange if even parking failed.
 */
@ApplicationScoped
public class InboundProcessor {

    /** One line per message applied (or dropped as a duplicate), with its ids in the MDC; level per category. */
    private static final Logger HANDLED = Logger.getLogger("dev.bazaar.messages");
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("bazaar.dead_letter.reason");

    private final MessageCodec codec;
    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final PanacheBatch panacheBatch;
    private final SqlBatch sqlBatch;
    private final InboxDuplicates duplicates;
    private final MessageTracing tracing;

    InboundProcessor(MessageCodec codec, DeadLetters deadLetters, InboxConfig config, PanacheBatch panacheBatch,
            SqlBatch sqlBatch, InboxDuplicates duplicates, MessageTracing tracing) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.config = config;
        this.panacheBatch = panacheBatch;
        this.sqlBatch = sqlBatch;
        this.duplicates = duplicates;
        this.tracing = tracing;
    }

    /** How a consumer learns that a delivery is done with. */
    interface Settlement {

        void ack(long tag);

        void reject(long tag);
    }

    /**
     * Runs on a duplicated Vert.x context of its own; completes when the batch's transaction is over (messages split
     * off after a failure go on, each on a context of its own, and settle later).
     */
    Uni<Void> process(MessageRoutes routes, List<InboundDelivery> batch, Settlement settlement) {
        List<DecodedMessage> valid = new ArrayList<>();
        List<Uni<Void>> parked = new ArrayList<>();
        for (InboundDelivery delivery : batch) {
            Envelope envelope;
            try {
                envelope = codec.decode(delivery.body());
            } catch (InvalidMessageException e) {
                parked.add(park(routes, delivery, null, "invalid message: " + e.getMessage(), 0, settlement));
                continue;
            }
            var route = routes.route(envelope);
            if (route.isEmpty()) {
                parked.add(park(routes, delivery, envelope, "no handler for " + envelope.type() + ".v"
                        + envelope.version() + " on " + routes.queue(), 0, settlement));
                continue;
            }
            valid.add(new DecodedMessage(delivery, envelope, route.get()));
        }
        Uni<Void> parking = parked.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(parked).andCollectFailures().replaceWithVoid();
        return parking.chain(() -> valid.isEmpty() ? Uni.createFrom().voidItem()
                : applyTogether(routes, valid, settlement));
    }

    private Uni<Void> applyTogether(MessageRoutes routes, List<DecodedMessage> batch, Settlement settlement) {
        if (batch.size() == 1) {
            return applyAlone(routes, batch.get(0), 0, settlement);
        }
        return transaction(routes, batch)
                .invoke(() -> batch.forEach(message -> settlement.ack(message.delivery().tag())))
                .onFailure().recoverWithUni(failure -> split(routes, batch, failure, settlement));
    }

    /**
     * The batch's transaction, with a consumer span per message open while it runs; the duplicates it dropped are
     * counted, and each message logged, once it committed.
     */
    private Uni<Void> transaction(MessageRoutes routes, List<DecodedMessage> batch) {
        return Uni.createFrom().deferred(() -> {
            List<Envelope> envelopes = new ArrayList<>(batch.size());
            Map<UUID, String> fromHeaders = new HashMap<>();
            for (DecodedMessage message : batch) {
                envelopes.add(message.envelope());
                if (message.envelope().traceparent() == null) {
                    String header = message.delivery().traceparent();
                    if (header != null) {
                        fromHeaders.put(message.envelope().id(), header);
                    }
                }
            }
            MessageTracing.Consumed spans = tracing.consume(routes.queue(), envelopes, fromHeaders);
            return (routes.plainSql() ? sqlBatch.apply(routes, batch) : panacheBatch.apply(routes, batch))
                    .onItemOrFailure().transformToUni((dropped, failure) -> {
                        if (failure == null) {
                            duplicates.dropped(routes.queue(), dropped);
                            if (HANDLED.isInfoEnabled()) {
                                batch.forEach(message -> tracing.logging(message.envelope(), () -> HANDLED.infof(
                                        "Handled %s %s from %s on %s", message.envelope().type(),
                                        message.envelope().id(), message.envelope().source(), routes.queue())));
                            }
                        }
                        spans.end(failure);
                        return failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
                    });
        });
    }

    /**
     * The batch's transaction failed. If it is known which message's handler failed, that message is taken out
     * (dead-lettered at once if it was rejected, otherwise retried on its own) and the rest is applied again as a
     * batch. Otherwise (a multi-row statement failed, or the database went away) the batch is cut in two halves, each
     * applied again, down to single messages, which are retried on their own, each on a context of its own.
     */
    private Uni<Void> split(MessageRoutes routes, List<DecodedMessage> batch, Throwable failure,
            Settlement settlement) {
        if (failure instanceof HandlerFailed failed && batch.contains(failed.message)) {
            DecodedMessage culprit = failed.message;
            Log.infof("Message %s failed in a batch of %d on %s (%s); taking it out of the batch",
                    culprit.envelope().id(), batch.size(), routes.queue(), failed.getCause().toString());
            List<DecodedMessage> rest = new ArrayList<>(batch);
            rest.remove(culprit);
            Uni<Void> isolated = failed.getCause() instanceof RejectedMessageException
                    ? park(routes, culprit.delivery(), culprit.envelope(), reason(failed.getCause(), 1), 1,
                            settlement)
                    : onOwnContext(() -> applyAlone(routes, culprit, 1, settlement));
            return isolated.chain(() -> rest.isEmpty() ? Uni.createFrom().voidItem()
                    : applySplit(routes, rest, settlement));
        }
        Log.infof("Batch of %d message(s) on %s failed (%s); applying each half again", batch.size(),
                routes.queue(), failure.toString());
        int half = batch.size() / 2;
        List<DecodedMessage> second = List.copyOf(batch.subList(half, batch.size()));
        return applySplit(routes, List.copyOf(batch.subList(0, half)), settlement)
                .chain(() -> applySplit(routes, second, settlement));
    }

    private Uni<Void> applySplit(MessageRoutes routes, List<DecodedMessage> part, Settlement settlement) {
        return part.size() == 1 ? onOwnContext(() -> applyAlone(routes, part.get(0), 0, settlement))
                : applyTogether(routes, part, settlement);
    }

    /** Starts {@code work} on a duplicated context of its own (a session of its own); it settles by itself. */
    private static Uni<Void> onOwnContext(Supplier<Uni<Void>> work) {
        Context own = IsolatedContexts.fresh(Vertx.currentContext());
        own.runOnContext(ignored -> work.get().subscribe().with(done -> { },
                error -> Log.errorf(error, "Applying a message on its own failed unexpectedly")));
        return Uni.createFrom().voidItem();
    }

    /** One message in transactions of its own, retried with backoff; dead-lettered after the last attempt. */
    private Uni<Void> applyAlone(MessageRoutes routes, DecodedMessage message, int attemptedBefore,
            Settlement settlement) {
        AtomicInteger attempts = new AtomicInteger(attemptedBefore);
        Executor onContext = contextExecutor();
        Uni<Void> attempt = Uni.createFrom().deferred(() -> {
                    attempts.incrementAndGet();
                    return transaction(routes, List.of(message));
                })
                .onFailure(HandlerFailed.class).transform(Throwable::getCause)
                .runSubscriptionOn(onContext);
        int retries = config.maxAttempts() - 1 - attemptedBefore;
        if (retries > 0) {
            attempt = attempt.onFailure(failure -> !(failure instanceof RejectedMessageException)).retry()
                    .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(0.2)
                    .atMost(retries);
        }
        return attempt
                .invoke(() -> settlement.ack(message.delivery().tag()))
                .onFailure().recoverWithUni(failure -> park(routes, message.delivery(), message.envelope(),
                        reason(failure, attempts.get()), attempts.get(), settlement));
    }

    /**
     * Parks a delivery in the queue's dead-letter queue; a span in the message's trace records it, and the warning
     * carries the message's ids. {@code envelope} is null if the body did not decode.
     */
    private Uni<Void> park(MessageRoutes routes, InboundDelivery delivery, Envelope envelope,
            String reason, int attempts, Settlement settlement) {
        String traceparent = envelope != null && envelope.traceparent() != null ? envelope.traceparent()
                : delivery.traceparent();
        String orderId = envelope != null ? envelope.correlationId()
                : delivery.properties() == null ? null : delivery.properties().getCorrelationId();
        Attributes attributes = Attributes.builder()
                .put(MessageTracing.MESSAGE_ID, delivery.messageId())
                .put(MessageTracing.MESSAGE_TYPE, envelope != null ? envelope.type() : String.valueOf(
                        delivery.properties() == null ? null : delivery.properties().getType()))
                .put(MessageTracing.ORDER_ID, String.valueOf(orderId))
                .put(REASON, reason)
                .build();
        Span span = tracing.start(routes.queue() + " dead-letter", traceparent, attributes);
        span.setStatus(StatusCode.ERROR, reason);
        MessageTracing.withMdc(span.getSpanContext(), orderId, delivery.messageId(), () -> Log.warnf(
                "Dead-lettering message %s from %s: %s", delivery.messageId(), routes.queue(), reason));
        span.end();
        return deadLetters.park(routes.queue(), delivery.body(), delivery.properties(), reason, attempts)
                .invoke(() -> settlement.ack(delivery.tag()))
                .onFailure().recoverWithItem(failure -> {
                    // The DLQ publish failed: reject instead, the queue's own dead-letter exchange still parks it.
                    Log.warnf("Could not publish dead letter to %s (%s); rejecting", routes.deadLetterQueue(),
                            failure.toString());
                    settlement.reject(delivery.tag());
                    return null;
                });
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
}

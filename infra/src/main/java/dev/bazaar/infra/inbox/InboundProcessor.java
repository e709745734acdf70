package dev.bazaar.infra.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.InvalidMessageException;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.outbox.PublishAfterCommit;
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

    private final MessageCodec codec;
    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final PanacheBatch panacheBatch;
    private final SqlBatch sqlBatch;
    private final InboxDuplicates duplicates;

    InboundProcessor(MessageCodec codec, DeadLetters deadLetters, InboxConfig config, PanacheBatch panacheBatch,
            SqlBatch sqlBatch, InboxDuplicates duplicates) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.config = config;
        this.panacheBatch = panacheBatch;
        this.sqlBatch = sqlBatch;
        this.duplicates = duplicates;
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
                parked.add(park(routes, delivery, "invalid message: " + e.getMessage(), 0, settlement));
                continue;
            }
            var route = routes.route(envelope);
            if (route.isEmpty()) {
                parked.add(park(routes, delivery, "no handler for " + envelope.type() + ".v" + envelope.version()
                        + " on " + routes.queue(), 0, settlement));
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

    /** The batch's transaction; the duplicates it dropped are counted once it committed. */
    private Uni<Void> transaction(MessageRoutes routes, List<DecodedMessage> batch) {
        return (routes.plainSql() ? sqlBatch.apply(routes, batch) : panacheBatch.apply(routes, batch))
                .invoke(dropped -> duplicates.dropped(routes.queue(), dropped))
                .replaceWithVoid();
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
                    ? park(routes, culprit.delivery(), reason(failed.getCause(), 1), 1, settlement)
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
                .onFailure().recoverWithUni(failure -> park(routes, message.delivery(),
                        reason(failure, attempts.get()), attempts.get(), settlement));
    }

    private Uni<Void> park(MessageRoutes routes, InboundDelivery delivery, String reason, int attempts,
            Settlement settlement) {
        Log.warnf("Dead-lettering message %s from %s: %s", delivery.messageId(), routes.queue(), reason);
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

package dev.bazaar.infra.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.InvalidMessageException;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Applies a batch of deliveries of one queue.
 * <ol>
 * <li>Each body is decoded and validated; a poison message (bad JSON, invalid against its schema, no handler here) is
 * dead-lettered at once with the reason and takes no part in the rest.</li>
 * <li>The valid ones are applied in <em>one</em> transaction: one statement claims their inbox rows, then the handler
 * of each message that was claimed runs, in delivery order; copies already in the inbox have no effect. The outbox
 * rows they wrote are published right after the commit ({@link PublishAfterCommit}); then every message of the batch
 * is acknowledged.</li>
 * <li>If that transaction fails, the batch is split: each message is applied alone, in its own transaction, retried
 * with exponential backoff and dead-lettered with the reason after the last attempt (a
 * {@link RejectedMessageException} at once). So a message that fails holds back or rolls back no other one.</li>
 * </ol>
 * Every delivery is settled exactly once through {@link Settlement}: acknowledged once its effect committed (or it
 * was a duplicate, or it was parked), or rejected to the queue's own dead-letter exchange if even parking failed.
 */
@ApplicationScoped
public class InboundProcessor {

    private final MessageCodec codec;
    private final InboxGuard inbox;
    private final DeadLetters deadLetters;
    private final InboxConfig config;
    private final PublishAfterCommit publishAfterCommit;

    InboundProcessor(MessageCodec codec, InboxGuard inbox, DeadLetters deadLetters, InboxConfig config,
            PublishAfterCommit publishAfterCommit) {
        this.codec = codec;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.config = config;
        this.publishAfterCommit = publishAfterCommit;
    }

    /** How a consumer learns that a delivery is done with. */
    interface Settlement {

        void ack(long tag);

        void reject(long tag);
    }

    private record Decoded(InboundDelivery delivery, Envelope envelope, MessageRoutes.Route<?> route) {
    }

    /**
     * Runs on a duplicated Vert.x context of its own; completes when the batch's transaction is over (messages split
     * off after a failure go on, each on a context of its own, and settle later).
     */
    Uni<Void> process(MessageRoutes routes, List<InboundDelivery> batch, Settlement settlement) {
        List<Decoded> valid = new ArrayList<>();
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
            valid.add(new Decoded(delivery, envelope, route.get()));
        }
        Uni<Void> parking = parked.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(parked).andCollectFailures().replaceWithVoid();
        return parking.chain(() -> valid.isEmpty() ? Uni.createFrom().voidItem()
                : applyTogether(routes, valid, settlement));
    }

    private Uni<Void> applyTogether(MessageRoutes routes, List<Decoded> batch, Settlement settlement) {
        if (batch.size() == 1) {
            return applyAlone(routes, batch.get(0), 0, settlement);
        }
        List<Envelope> distinct = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        for (Decoded decoded : batch) {
            if (ids.add(decoded.envelope().id())) {
                distinct.add(decoded.envelope());
            }
        }
        return publishAfterCommit.run(() -> Panache.withTransaction(() -> inbox.claimAll(routes.inbox(), distinct)
                        .chain(fresh -> applyEach(routes, batch, fresh))))
                .invoke(() -> batch.forEach(decoded -> settlement.ack(decoded.delivery().tag())))
                .onFailure().recoverWithUni(failure -> split(routes, batch, failure, settlement));
    }

    /**
     * The batch's transaction failed. If a handler failed, that message is taken out (dead-lettered at once if it
     * was rejected, otherwise retried on its own) and the rest is applied again as a batch. If the transaction itself
     * failed (database down, commit refused), each message is applied on its own.
     */
    private Uni<Void> split(MessageRoutes routes, List<Decoded> batch, Throwable failure, Settlement settlement) {
        if (failure instanceof HandlerFailed failed && batch.contains(failed.decoded)) {
            Decoded culprit = failed.decoded;
            Log.infof("Message %s failed in a batch of %d on %s (%s); taking it out of the batch",
                    culprit.envelope().id(), batch.size(), routes.queue(), failed.getCause().toString());
            List<Decoded> rest = new ArrayList<>(batch);
            rest.remove(culprit);
            Uni<Void> isolated = failed.getCause() instanceof RejectedMessageException
                    ? park(routes, culprit.delivery(), reason(failed.getCause(), 1), 1, settlement)
                    : onOwnContext(() -> applyAlone(routes, culprit, 1, settlement));
            return isolated.chain(() -> rest.isEmpty() ? Uni.createFrom().voidItem()
                    : applyTogether(routes, rest, settlement));
        }
        Log.infof("Batch of %d message(s) on %s failed as a whole (%s); applying each on its own", batch.size(),
                routes.queue(), failure.toString());
        for (Decoded decoded : batch) {
            onOwnContext(() -> applyAlone(routes, decoded, 0, settlement));
        }
        return Uni.createFrom().voidItem();
    }

    /** Starts {@code work} on a duplicated context of its own (a session of its own); it settles by itself. */
    private static Uni<Void> onOwnContext(java.util.function.Supplier<Uni<Void>> work) {
        Context own = IsolatedContexts.fresh(io.vertx.core.Vertx.currentContext());
        own.runOnContext(ignored -> work.get().subscribe().with(done -> { },
                error -> Log.errorf(error, "Applying a message on its own failed unexpectedly")));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> applyEach(MessageRoutes routes, List<Decoded> batch, Set<UUID> fresh) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        boolean first = true;
        for (Decoded decoded : batch) {
            boolean clear = !first;
            first = false;
            chain = chain.chain(() -> {
                if (!fresh.remove(decoded.envelope().id())) {
                    logDuplicate(routes, decoded.envelope());
                    return Uni.createFrom().voidItem();
                }
                // each handler starts with an empty persistence context, as it would in a transaction of its own
                Uni<Void> ready = clear
                        ? Panache.getSession().chain(session -> session.flush().invoke(session::clear)).replaceWithVoid()
                        : Uni.createFrom().voidItem();
                // a failure while flushing the previous handler's changes fails the batch as a whole, not this message
                return ready.chain(() -> Uni.createFrom().deferred(() -> decoded.route().apply(codec,
                                decoded.envelope()))
                        .onFailure().transform(cause -> new HandlerFailed(decoded, cause)));
            });
        }
        return chain;
    }

    private Uni<Void> applyAlone(MessageRoutes routes, Decoded decoded, int attemptedBefore, Settlement settlement) {
        AtomicInteger attempts = new AtomicInteger(attemptedBefore);
        Executor onContext = contextExecutor();
        Envelope envelope = decoded.envelope();
        Uni<Boolean> attempt = Uni.createFrom().deferred(() -> {
                    attempts.incrementAndGet();
                    return publishAfterCommit.run(() -> Panache.withTransaction(() -> inbox.claim(routes.inbox(),
                                    envelope)
                            .chain(claimed -> claimed
                                    ? decoded.route().apply(codec, envelope).replaceWith(Boolean.TRUE)
                                    : Uni.createFrom().item(Boolean.FALSE))));
                })
                .runSubscriptionOn(onContext);
        int retries = config.maxAttempts() - 1 - attemptedBefore;
        if (retries > 0) {
            attempt = attempt.onFailure(failure -> !(failure instanceof RejectedMessageException)).retry()
                    .withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(0.2)
                    .atMost(retries);
        }
        return attempt
                .invoke(applied -> {
                    if (!applied) {
                        logDuplicate(routes, envelope);
                    }
                    settlement.ack(decoded.delivery().tag());
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> park(routes, decoded.delivery(),
                        reason(failure, attempts.get()), attempts.get(), settlement));
    }

    /** A handler's failure inside a batch, naming the message it failed on. */
    private static final class HandlerFailed extends RuntimeException {

        final transient Decoded decoded;

        HandlerFailed(Decoded decoded, Throwable cause) {
            super(cause.toString(), cause, false, false);
            this.decoded = decoded;
        }
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

    private static void logDuplicate(MessageRoutes routes, Envelope envelope) {
        Log.debugf("Duplicate %s %s (correlation %s) on %s acknowledged without effect", envelope.type(),
                envelope.id(), envelope.correlationId(), routes.queue());
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
        Context context = io.vertx.core.Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}

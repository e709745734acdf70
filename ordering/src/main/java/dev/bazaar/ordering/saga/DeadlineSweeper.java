package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.outbox.PublishAfterCommit;
import dev.bazaar.infra.tracing.MessageTracing;
import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The saga's timer: overdue orders get their timeout decision. Deadlines live in the orders table, so any replica can
 * sweep; a transaction-scoped advisory lock lets one replica at a time do it, and {@code for update skip locked}
 * leaves an order whose reply is being applied right now to the next tick. A failed sweep rolls back as a whole and
 * the next tick tries again.
 */
@ApplicationScoped
public class DeadlineSweeper {

    /** Batches per tick at most, so one tick cannot run away when many deadlines pass at once. */
    private static final int MAX_BATCHES_PER_TICK = 10;

    private final OrderRepository orders;
    private final OrderSaga saga;
    private final SagaDecisionWriter writer;
    private final DecisionClock clock;
    private final SagaConfig config;
    private final PublishAfterCommit publishAfterCommit;
    private final SagaMetrics metrics;
    private final MessageTracing tracing;

    DeadlineSweeper(OrderRepository orders, OrderSaga saga, SagaDecisionWriter writer, DecisionClock clock,
            SagaConfig config, PublishAfterCommit publishAfterCommit, SagaMetrics metrics, MessageTracing tracing) {
        this.tracing = tracing;
        this.orders = orders;
        this.saga = saga;
        this.writer = writer;
        this.clock = clock;
        this.config = config;
        this.publishAfterCommit = publishAfterCommit;
        this.metrics = metrics;
    }

    @Scheduled(identity = "order-deadline-sweeper", every = "${bazaar.saga.sweep-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTick() {
        return sweepBatches(1)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Deadline sweep failed, the next tick retries: %s", failure.toString());
                    return null;
                })
                .replaceWithVoid();
    }

    /** One sweep transaction; returns how many overdue orders it handled (0 if another replica holds the lock). */
    public Uni<Integer> sweep() {
        // the compensations it sends are published right after its commit, and the rejections counted then
        List<SagaMilestone> milestones = new ArrayList<>();
        return publishAfterCommit.run(() -> Panache.withTransaction(() -> orders.tryLockSweep().chain(locked -> locked
                        ? sweepDue(milestones)
                        : Uni.createFrom().item(0))))
                .invoke(() -> metrics.record(milestones));
    }

    private Uni<Integer> sweepBatches(int batch) {
        return sweep().chain(handled -> handled >= config.sweepBatch() && batch < MAX_BATCHES_PER_TICK
                ? sweepBatches(batch + 1)
                : Uni.createFrom().item(handled));
    }

    private Uni<Integer> sweepDue(List<SagaMilestone> milestones) {
        Instant now = clock.now();
        return orders.lockDue(now, config.sweepBatch())
                .chain(due -> timeOut(due, now, milestones).replaceWith(due.size()));
    }

    private Uni<Void> timeOut(List<OrderRecord> due, Instant now, List<SagaMilestone> milestones) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (OrderRecord record : due) {
            done = done.chain(() -> {
                SagaDecision decision = saga.onDeadline(record.order(), now);
                SagaMilestone.of(decision, record.createdAt(), record.updatedAt(), now).ifPresent(milestones::add);
                // a span of the order's trace (as its placing request or message left it), which the decision's
                // steps and the compensations it sends continue
                Span expiry = tracing.start("saga deadline expired", record.traceparent(),
                        Attributes.of(MessageTracing.ORDER_ID, record.order().id().toString()));
                return writer.writeInSpan(decision, expiry, now).replaceWithVoid().eventually(() -> expiry.end());
            });
        }
        return done;
    }
}

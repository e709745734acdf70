package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.events.Envelope;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.infra.tracing.MessageTracing;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.saga.SagaStore.OrderStep;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The saga decisions of one message batch, applied in memory one after the other (a second message for an order
 * sees the first one's result) and written together at the end: each order's final state, every saga step in
 * decision order, and every message through the batch's outbox, with the order id as aggregate and correlation id.
 */
public final class SagaBatch {

    private final Map<UUID, OrderRecord> records;
    private final Map<UUID, Order> loaded = new HashMap<>();
    private final Map<UUID, Order> current = new LinkedHashMap<>();
    private final Map<UUID, String> traces = new HashMap<>();
    private final List<OrderStep> steps = new ArrayList<>();
    private final List<SagaMilestone> milestones = new ArrayList<>();
    private final OutboxBatch outbox;
    private final MessageTracing tracing;
    private final Instant now;

    /** @param records the orders as locked at the start of the batch, with the times they were placed and changed */
    public SagaBatch(Map<UUID, OrderRecord> records, OutboxBatch outbox, MessageTracing tracing, Instant now) {
        this.records = records;
        records.forEach((id, record) -> loaded.put(id, record.order()));
        this.outbox = outbox;
        this.tracing = tracing;
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    /** The order's latest state in this batch; null if it does not exist. */
    public Order order(UUID id) {
        Order order = current.get(id);
        return order != null ? order : loaded.get(id);
    }

    /**
     * Applies a decision in memory; each of its steps and messages becomes an event of the trace span of
     * {@code cause} (of the HTTP request if null).
     */
    public void record(SagaDecision decision, Envelope cause) {
        Order order = decision.after();
        if (decision.isNothing()) {
            return;
        }
        UUID causationId = cause == null ? null : cause.id();
        SagaTrace trace = SagaTrace.of(tracing, cause);
        milestone(decision).ifPresent(milestones::add);
        current.put(order.id(), order);
        if (decision.createsOrder()) {
            traces.put(order.id(), trace.traceparent());
        }
        String orderId = order.id().toString();
        for (SagaStep step : decision.steps()) {
            steps.add(new OrderStep(order.id(), step));
            trace.step(orderId, step);
        }
        for (OutgoingMessage<?> message : decision.messages()) {
            UUID sent = send(message, orderId, causationId);
            steps.add(new OrderStep(order.id(), new SagaStep(now, "sent " + message.type().type(), sent,
                    message.detail())));
            trace.sent(orderId, message.type().type(), sent);
        }
        if (Log.isDebugEnabled()) {
            decision.steps().forEach(step -> Log.debugf("Order %s: %s (%s) [message %s]", order.id(), step.step(),
                    step.detail(), causationId));
        }
    }

    /** What the batch's decisions completed, for {@link SagaMetrics} once the batch committed. */
    List<SagaMilestone> milestones() {
        return milestones;
    }

    /**
     * An order changed earlier in this batch entered its state now; one that was not was placed and last changed when
     * its row says (an order waiting in PENDING or STOCK_RESERVED is changed only by entering that state).
     */
    private Optional<SagaMilestone> milestone(SagaDecision decision) {
        OrderRecord record = records.get(decision.after().id());
        Instant createdAt = record == null ? now : record.createdAt();
        Instant inStateSince = record == null || current.containsKey(decision.after().id()) ? now
                : record.updatedAt();
        return SagaMilestone.of(decision, createdAt, inStateSince, now);
    }

    /** The saga steps this batch logs for one order, in log order. */
    public List<SagaStep> steps(UUID orderId) {
        return steps.stream().filter(step -> step.orderId().equals(orderId)).map(OrderStep::step).toList();
    }

    public void step(UUID orderId, SagaStep step) {
        steps.add(new OrderStep(orderId, step));
    }

    public Uni<Void> write(SagaStore store, SqlConnection transaction) {
        return store.write(transaction, loaded, current, traces, steps, now);
    }

    private <P> UUID send(OutgoingMessage<P> message, String orderId, UUID causationId) {
        return outbox.add(message.type(), message.payload(), orderId, orderId, causationId).id();
    }
}

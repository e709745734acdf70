package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.infra.tracing.MessageTracing;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies catalog's and user's replies to the saga, a batch at a time, in the transaction infra opened for the batch
 * (which also claimed the messages in the inbox). The orders the batch names are row-locked first, once and in id
 * order, so replies, cancels and the deadline sweeper decide one after the other on the latest state; then each
 * reply is decided in memory ({@link OrderSaga}) and everything is written with one statement per table. A reply the
 * saga refuses can never succeed: it is dead-lettered with the saga's reason, never retried.
 */
@ApplicationScoped
public class SagaReplies {

    private final SagaStore store;
    private final OrderSaga saga;
    private final DecisionClock clock;
    private final SagaMetrics metrics;
    private final MessageTracing tracing;

    SagaReplies(SagaStore store, OrderSaga saga, DecisionClock clock, SagaMetrics metrics, MessageTracing tracing) {
        this.tracing = tracing;
        this.store = store;
        this.saga = saga;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Uni<Void> stockReserved(SqlConnection tx, List<Received<StockReserved>> replies, OutboxBatch outbox) {
        return apply(tx, replies, outbox, StockReserved::orderId, saga::onStockReserved);
    }

    public Uni<Void> stockRejected(SqlConnection tx, List<Received<StockRejected>> replies, OutboxBatch outbox) {
        return apply(tx, replies, outbox, StockRejected::orderId, saga::onStockRejected);
    }

    public Uni<Void> stockReleased(SqlConnection tx, List<Received<StockReleased>> replies, OutboxBatch outbox) {
        return apply(tx, replies, outbox, StockReleased::orderId, saga::onStockReleased);
    }

    public Uni<Void> creditReserved(SqlConnection tx, List<Received<CreditReserved>> replies, OutboxBatch outbox) {
        return apply(tx, replies, outbox, CreditReserved::orderId, saga::onCreditReserved);
    }

    public Uni<Void> creditRejected(SqlConnection tx, List<Received<CreditRejected>> replies, OutboxBatch outbox) {
        return apply(tx, replies, outbox, CreditRejected::orderId, saga::onCreditRejected);
    }

    public Uni<Void> creditReleased(SqlConnection tx, List<Received<CreditReleased>> replies, OutboxBatch outbox) {
        return apply(tx, replies, outbox, CreditReleased::orderId, saga::onCreditReleased);
    }

    /**
     * Locks the orders of a batch of several reply types before their handlers run (a {@code BatchLock}): each order
     * once, in id order, as each handler locks its own.
     */
    public Uni<Void> lockOrders(SqlConnection transaction, Set<UUID> orderIds) {
        return store.lockOrderRows(transaction, orderIds);
    }

    /** What the saga decides for one reply. */
    @FunctionalInterface
    private interface Decide<R> {

        SagaDecision apply(Order order, R reply, UUID messageId, Instant now);
    }

    private <R> Uni<Void> apply(SqlConnection transaction, List<Received<R>> replies, OutboxBatch outbox,
            Function<R, UUID> orderOf, Decide<R> decide) {
        Set<UUID> ids = new LinkedHashSet<>();
        replies.forEach(reply -> ids.add(orderOf.apply(reply.payload())));
        return store.lockOrders(transaction, ids).invoke(locked -> {
            SagaBatch batch = new SagaBatch(locked, outbox, tracing, clock.now());
            for (Received<R> reply : replies) {
                Envelope envelope = reply.envelope();
                UUID orderId = orderOf.apply(reply.payload());
                if (!orderId.toString().equals(envelope.correlationId())) {
                    Log.warnf("%s %s for order %s carries correlation id %s", envelope.type(), envelope.id(),
                            orderId, envelope.correlationId());
                }
                Order order = batch.order(orderId);
                if (order == null) {
                    throw new RejectedMessageException(envelope.type() + " " + envelope.id() + " names order "
                            + orderId + ", which does not exist");
                }
                try {
                    batch.record(decide.apply(order, reply.payload(), envelope.id(), batch.now()), envelope);
                } catch (IllegalOrderTransitionException e) {
                    throw new RejectedMessageException(envelope.type() + " " + envelope.id()
                            + " refused by the saga: " + e.getMessage());
                }
            }
            if (!batch.milestones().isEmpty()) {
                outbox.afterCommit(() -> metrics.record(batch.milestones()));
            }
            outbox.writeWithCommit(batch.write(store, transaction));
        }).replaceWithVoid();
    }
}

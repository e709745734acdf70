package dev.bazaar.ordering.application;

import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Applies catalog's and user's replies to the saga. Each runs in the inbox transaction of its message and locks the
 * order's row first, so replies, cancels and the deadline sweeper decide one after the other on the latest state. A
 * reply the saga refuses can never succeed: it is dead-lettered at once with the saga's reason, never retried.
 */
@ApplicationScoped
public class SagaReplies {

    private final OrderRepository orders;
    private final OrderSaga saga;
    private final SagaDecisionWriter writer;
    private final DecisionClock clock;

    SagaReplies(OrderRepository orders, OrderSaga saga, SagaDecisionWriter writer, DecisionClock clock) {
        this.orders = orders;
        this.saga = saga;
        this.writer = writer;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Void> stockReserved(StockReserved reply, Envelope envelope) {
        return apply(reply.orderId(), envelope, (order, now) -> saga.onStockReserved(order, reply, envelope.id(), now));
    }

    @WithTransaction
    public Uni<Void> stockRejected(StockRejected reply, Envelope envelope) {
        return apply(reply.orderId(), envelope, (order, now) -> saga.onStockRejected(order, reply, envelope.id(), now));
    }

    @WithTransaction
    public Uni<Void> stockReleased(StockReleased reply, Envelope envelope) {
        return apply(reply.orderId(), envelope, (order, now) -> saga.onStockReleased(order, reply, envelope.id(), now));
    }

    @WithTransaction
    public Uni<Void> creditReserved(CreditReserved reply, Envelope envelope) {
        return apply(reply.orderId(), envelope,
                (order, now) -> saga.onCreditReserved(order, reply, envelope.id(), now));
    }

    @WithTransaction
    public Uni<Void> creditRejected(CreditRejected reply, Envelope envelope) {
        return apply(reply.orderId(), envelope,
                (order, now) -> saga.onCreditRejected(order, reply, envelope.id(), now));
    }

    @WithTransaction
    public Uni<Void> creditReleased(CreditReleased reply, Envelope envelope) {
        return apply(reply.orderId(), envelope,
                (order, now) -> saga.onCreditReleased(order, reply, envelope.id(), now));
    }

    private Uni<Void> apply(UUID orderId, Envelope envelope, BiFunction<Order, Instant, SagaDecision> decide) {
        if (!orderId.toString().equals(envelope.correlationId())) {
            Log.warnf("%s %s for order %s carries correlation id %s", envelope.type(), envelope.id(), orderId,
                    envelope.correlationId());
        }
        return orders.lockOrder(orderId).chain(order -> {
            if (order == null) {
                throw new RejectedMessageException(envelope.type() + " " + envelope.id() + " names order " + orderId
                        + ", which does not exist");
            }
            Instant now = clock.now();
            SagaDecision decision;
            try {
                decision = decide.apply(order, now);
            } catch (IllegalOrderTransitionException e) {
                throw new RejectedMessageException(envelope.type() + " " + envelope.id() + " refused by the saga: "
                        + e.getMessage());
            }
            return writer.write(decision, envelope.id(), now);
        }).replaceWithVoid();
    }
}

package dev.bazaar.ordering.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.tracing.MessageTracing;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import dev.bazaar.ordering.saga.DecisionClock;
import dev.bazaar.ordering.saga.OrderSaga;
import dev.bazaar.ordering.saga.SagaDecision;
import dev.bazaar.ordering.saga.SagaDecisionWriter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Cancels a confirmed order on its customer's or an administrator's request. The cancellation is a span of the order's
 * own trace ({@code saga cancellation}, linked to the request's span), so the order's trace shows it and the
 * compensations it sends.
 */
@ApplicationScoped
public class OrderCancellation {

    private final OrderRepository orders;
    private final OrderQueries queries;
    private final OrderSaga saga;
    private final SagaDecisionWriter writer;
    private final DecisionClock clock;
    private final MessageTracing tracing;

    OrderCancellation(OrderRepository orders, OrderQueries queries, OrderSaga saga, SagaDecisionWriter writer,
            DecisionClock clock, MessageTracing tracing) {
        this.orders = orders;
        this.queries = queries;
        this.saga = saga;
        this.writer = writer;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * Starts the cancellation, or does nothing if it is under way or done; another customer's order is not found.
     * Returns the order with its saga log as the same transaction sees it, before its releases are published.
     */
    @WithTransaction
    public Uni<OrderDetails> cancel(UUID orderId, Viewer viewer) {
        return start(orderId, viewer).chain(order -> queries.details(orderId, viewer));
    }

    private Uni<Order> start(UUID orderId, Viewer viewer) {
        return orders.lockOrder(orderId).chain(record -> {
            if (record == null || !viewer.maySee(record.order().customerId())) {
                throw new OrderNotFoundException(orderId);
            }
            Order order = record.order();
            Instant now = clock.now();
            SagaDecision decision;
            try {
                decision = saga.cancel(order, viewer.describe(), now);
            } catch (IllegalOrderTransitionException e) {
                throw new OrderNotCancellableException(e.getMessage());
            }
            if (decision.isNothing()) {
                return Uni.createFrom().item(order);
            }
            Span span = tracing.start("saga cancellation", record.traceparent(),
                    Attributes.of(MessageTracing.ORDER_ID, orderId.toString()));
            return writer.writeInSpan(decision, span, now).eventually(() -> span.end());
        });
    }
}

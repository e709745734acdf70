package dev.bazaar.ordering.application;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.http.ProblemException;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Cancels a confirmed order on its customer's or an administrator's request. */
@ApplicationScoped
public class OrderCancellation {

    private final OrderRepository orders;
    private final OrderSaga saga;
    private final SagaDecisionWriter writer;
    private final DecisionClock clock;

    OrderCancellation(OrderRepository orders, OrderSaga saga, SagaDecisionWriter writer, DecisionClock clock) {
        this.orders = orders;
        this.saga = saga;
        this.writer = writer;
        this.clock = clock;
    }

    /** Starts the cancellation, or does nothing if it is under way or done; another customer's order is not found. */
    @WithTransaction
    public Uni<Order> cancel(UUID orderId, Viewer viewer) {
        return orders.lockOrder(orderId).chain(order -> {
            if (order == null || !viewer.maySee(order.customerId())) {
                throw OrderQueries.notFound(orderId);
            }
            Instant now = clock.now();
            SagaDecision decision;
            try {
                decision = saga.cancel(order, viewer.describe(), now);
            } catch (IllegalOrderTransitionException e) {
                throw new ProblemException(409, "Order cannot be cancelled", e.getMessage());
            }
            return writer.write(decision, null, now);
        });
    }
}

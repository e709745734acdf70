package dev.bazaar.ordering.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.cart.CartCheckedOut;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.SagaStep;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import dev.bazaar.ordering.infrastructure.SagaStepRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Creates orders and starts their saga, from a checked-out cart or from POST /orders, in one transaction each. */
@ApplicationScoped
public class OrderPlacement {

    private final OrderRepository orders;
    private final SagaStepRepository steps;
    private final OrderSaga saga;
    private final SagaDecisionWriter writer;
    private final DecisionClock clock;

    OrderPlacement(OrderRepository orders, SagaStepRepository steps, OrderSaga saga, SagaDecisionWriter writer,
            DecisionClock clock) {
        this.orders = orders;
        this.steps = steps;
        this.saga = saga;
        this.writer = writer;
        this.clock = clock;
    }

    /** An order placed directly by a customer; its id is new. */
    @WithTransaction
    public Uni<Order> place(UUID customerId, List<OrderLine> lines) {
        Order order = Order.place(UUID.randomUUID(), customerId, null, lines);
        Instant now = clock.now();
        return writer.write(saga.start(order, "placed via POST /orders", null, now), null, now);
    }

    /**
     * The order of a checked-out cart, with the id cart generated. A second event for the same order (a replay, or
     * cart publishing again) finds it and only logs that it was ignored; two copies racing each other both insert,
     * the primary key fails one, and its retry finds the order.
     */
    @WithTransaction
    public Uni<Void> checkedOut(CartCheckedOut event, Envelope envelope) {
        Instant now = clock.now();
        return orders.exists(event.orderId()).chain(exists -> {
            if (exists) {
                Log.infof("Order %s exists already: cart.checked-out %s ignored", event.orderId(), envelope.id());
                return steps.append(event.orderId(), new SagaStep(now, "ignored " + Contracts.CART_CHECKED_OUT.type(),
                        envelope.id(), "the order exists already (cart " + event.cartId() + ")"));
            }
            Order order = fromCart(event);
            String origin = "checked out from cart " + event.cartId();
            return writer.write(saga.start(order, origin, envelope.id(), now), envelope.id(), now).replaceWithVoid();
        });
    }

    private static Order fromCart(CartCheckedOut event) {
        try {
            List<OrderLine> lines = event.lines().stream()
                    .map(line -> OrderLine.requested(line.productId(), line.quantity()))
                    .toList();
            return Order.place(event.orderId(), event.customerId(), event.cartId(), lines);
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new RejectedMessageException("cart.checked-out for order " + event.orderId()
                    + " cannot become an order: " + e.getMessage());
        }
    }
}

package dev.bazaar.cart.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.infrastructure.CartStore;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.order.OrderConfirmed;
import dev.bazaar.events.order.OrderRejected;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.OutboxBatch;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Ends a checkout with the order's outcome: confirmed closes the cart (the customer's next request opens a new one),
 * rejected reopens it with its lines and the reason. An order that no cart was checked out as (placed with
 * POST /orders, or already rejected once) is none of cart's business: a no-op. A batch of outcomes locks its carts
 * with one statement and writes them with one; the messages apply in delivery order, each seeing the one before.
 */
@ApplicationScoped
public class OrderOutcomes {

    private final CartStore carts;

    OrderOutcomes(CartStore carts) {
        this.carts = carts;
    }

    public Uni<Void> confirmed(SqlConnection transaction, List<Received<OrderConfirmed>> events, OutboxBatch outbox) {
        return apply(transaction, events.stream().map(event -> event.payload().orderId()).toList(), outbox, batch -> {
            for (Received<OrderConfirmed> received : events) {
                OrderConfirmed event = received.payload();
                Envelope envelope = received.envelope();
                Cart cart = batch.cartOf(event.orderId(), envelope);
                if (cart == null) {
                    continue;
                }
                requireOwner(cart, event.customerId(), envelope);
                if (!parkIfRefused(envelope, () -> cart.close(event.orderId()))) {
                    Log.infof("Cart %s already closed by order %s; %s changes nothing", cart.id(), event.orderId(),
                            envelope.id());
                    continue;
                }
                batch.changed(cart);
                Log.infof("Cart %s closed: order %s confirmed", cart.id(), event.orderId());
            }
        });
    }

    public Uni<Void> rejected(SqlConnection transaction, List<Received<OrderRejected>> events, OutboxBatch outbox) {
        return apply(transaction, events.stream().map(event -> event.payload().orderId()).toList(), outbox, batch -> {
            for (Received<OrderRejected> received : events) {
                OrderRejected event = received.payload();
                Envelope envelope = received.envelope();
                Cart cart = batch.cartOf(event.orderId(), envelope);
                if (cart == null) {
                    continue;
                }
                requireOwner(cart, event.customerId(), envelope);
                parkIfRefused(envelope, () -> {
                    cart.reopen(event.orderId(), event.reason());
                    return cart;
                });
                // the order id is forgotten: a repeated rejection of this order finds no cart
                batch.forget(event.orderId());
                batch.changed(cart);
                Log.infof("Cart %s reopened: order %s rejected (%s)", cart.id(), event.orderId(), event.reason());
            }
        });
    }

    private Uni<Void> apply(SqlConnection transaction, List<UUID> orderIds, OutboxBatch outbox,
            Consumer<Outcomes> decide) {
        return carts.lockByOrderIds(transaction, orderIds).invoke(locked -> {
            Outcomes batch = new Outcomes(locked);
            decide.accept(batch);
            outbox.writeWithCommit(carts.updateStates(transaction, batch.changed.values()));
        }).replaceWithVoid();
    }

    /** The carts of one batch by the order they are checked out as, and those the batch changed. */
    private static final class Outcomes {

        private final Map<UUID, Cart> byOrder;
        private final Map<UUID, Cart> changed = new LinkedHashMap<>();

        Outcomes(Map<UUID, Cart> byOrder) {
            this.byOrder = new LinkedHashMap<>(byOrder);
        }

        Cart cartOf(UUID orderId, Envelope envelope) {
            Cart cart = byOrder.get(orderId);
            if (cart == null) {
                // orders placed with POST /orders have no cart: the common case, not worth a line per order at INFO
                Log.debugf("No cart is checked out as order %s; %s %s changes nothing", orderId, envelope.type(),
                        envelope.id());
            }
            return cart;
        }

        void forget(UUID orderId) {
            byOrder.remove(orderId);
        }

        void changed(Cart cart) {
            changed.put(cart.id(), cart);
        }
    }

    /** An outcome naming another customer than the one who checked out is a bug upstream: park it, change nothing. */
    private static void requireOwner(Cart cart, UUID customerId, Envelope envelope) {
        if (!cart.customerId().equals(customerId)) {
            throw new RejectedMessageException(envelope.type() + " " + envelope.id() + " names customer "
                    + customerId + " but cart " + cart.id() + " belongs to " + cart.customerId());
        }
    }

    /** A transition the cart refuses cannot succeed on a retry either: park the message for an operator. */
    private static <T> T parkIfRefused(Envelope envelope, Supplier<T> transition) {
        try {
            return transition.get();
        } catch (IllegalStateException e) {
            throw new RejectedMessageException(envelope.type() + " " + envelope.id() + ": " + e.getMessage());
        }
    }
}

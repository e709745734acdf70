package dev.bazaar.cart.application;

import java.util.UUID;
import java.util.function.Supplier;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.infrastructure.CartRepository;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.order.OrderConfirmed;
import dev.bazaar.events.order.OrderRejected;
import dev.bazaar.infra.inbox.RejectedMessageException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ends a checkout with the order's outcome: confirmed closes the cart (the customer's next request opens a new one),
 * rejected reopens it with its lines and the reason. An order that no cart was checked out as (placed with
 * POST /orders, or already rejected once) is none of cart's business: a no-op.
 */
@ApplicationScoped
public class OrderOutcomes {

    private final CartRepository carts;

    OrderOutcomes(CartRepository carts) {
        this.carts = carts;
    }

    public Uni<Void> confirmed(OrderConfirmed event, Envelope envelope) {
        return carts.lockByOrderId(event.orderId()).chain(cart -> {
            if (cart == null) {
                return noCart(envelope, event.orderId());
            }
            requireOwner(cart, event.customerId(), envelope);
            if (!parkIfRefused(envelope, () -> cart.close(event.orderId()))) {
                Log.infof("Cart %s already closed by order %s; %s changes nothing", cart.id(), event.orderId(),
                        envelope.id());
                return Uni.createFrom().voidItem();
            }
            return carts.save(cart).invoke(() -> Log.infof("Cart %s closed: order %s confirmed", cart.id(),
                    event.orderId()));
        });
    }

    public Uni<Void> rejected(OrderRejected event, Envelope envelope) {
        return carts.lockByOrderId(event.orderId()).chain(cart -> {
            if (cart == null) {
                return noCart(envelope, event.orderId());
            }
            requireOwner(cart, event.customerId(), envelope);
            parkIfRefused(envelope, () -> {
                cart.reopen(event.orderId(), event.reason());
                return cart;
            });
            return carts.save(cart).invoke(() -> Log.infof("Cart %s reopened: order %s rejected (%s)", cart.id(),
                    event.orderId(), event.reason()));
        });
    }

    private static Uni<Void> noCart(Envelope envelope, UUID orderId) {
        // orders placed with POST /orders have no cart: the common case, not worth a line per order at INFO
        Log.debugf("No cart is checked out as order %s; %s %s changes nothing", orderId, envelope.type(),
                envelope.id());
        return Uni.createFrom().voidItem();
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

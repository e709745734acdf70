package dev.bazaar.cart.application;

import java.util.UUID;
import java.util.function.Function;

import dev.bazaar.cart.domain.PricedCart;
import dev.bazaar.cart.infrastructure.CartRepository;
import dev.bazaar.cart.infrastructure.ProductCopyRepository;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.cart.CartCheckedOut;
import dev.bazaar.events.cart.CartLine;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.infra.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the customer's cart into an order: cart generates the order id (so a redelivered cart.checked-out cannot
 * create a second order), freezes the cart and announces cart.checked-out, all in one transaction. The unit prices
 * are cart's current local prices; catalog's prices at reservation are the authoritative ones.
 */
@ApplicationScoped
public class Checkout {

    private final CartRepository carts;
    private final ProductCopyRepository products;
    private final Outbox outbox;
    private final IdempotencyKeys idempotency;

    Checkout(CartRepository carts, ProductCopyRepository products, Outbox outbox, IdempotencyKeys idempotency) {
        this.carts = carts;
        this.products = products;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    /**
     * Checks out the customer's cart once per Idempotency-Key: one transaction claims the key, checks out and stores
     * the response, or none of it; a repeated key answers the stored response.
     *
     * @param fingerprint what identifies the request, to refuse a reused key with another one
     * @param respond the HTTP response for the checked-out cart
     */
    @WithTransaction
    public Uni<StoredResponse> checkOut(UUID customerId, String idempotencyKey, String fingerprint,
            Function<CheckedOut, StoredResponse> respond) {
        return idempotency.once("checkout:" + customerId, idempotencyKey, fingerprint,
                () -> checkOut(customerId).map(respond));
    }

    private Uni<CheckedOut> checkOut(UUID customerId) {
        return carts.activeCart(customerId, true).chain(cart -> products.findCopies(cart.lines().keySet())
                .chain(copies -> {
                    UUID orderId = UUID.randomUUID();
                    CartRules.apply(() -> cart.checkOut(orderId));
                    PricedCart priced = PricedCart.of(cart, copies);
                    CartCheckedOut event = new CartCheckedOut(orderId, cart.id(), customerId, priced.lines().stream()
                            .map(line -> new CartLine(line.productId(), line.sku(), line.quantity(), line.unitPrice()))
                            .toList());
                    return carts.save(cart)
                            .call(() -> outbox.enqueue(Contracts.CART_CHECKED_OUT, event, cart.id().toString(),
                                    orderId.toString(), null))
                            .invoke(() -> Log.infof("Cart %s of customer %s checked out as order %s (%d items, %s)",
                                    cart.id(), customerId, orderId, priced.itemCount(), priced.total()))
                            .replaceWith(new CheckedOut(orderId, cart.id()));
                }));
    }
}

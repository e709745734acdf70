package dev.bazaar.cart.application;

import java.util.UUID;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.domain.PricedCart;
import dev.bazaar.cart.infrastructure.CartRepository;
import dev.bazaar.cart.infrastructure.ProductCopyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A customer's current cart and the changes they make to it. Every answer is priced at read time from the product
 * copies. Changes row-lock the cart, so concurrent requests (and order outcomes) apply one after the other.
 */
@ApplicationScoped
public class Carts {

    private final CartRepository carts;
    private final ProductCopyRepository products;

    Carts(CartRepository carts, ProductCopyRepository products) {
        this.carts = carts;
        this.products = products;
    }

    /** The customer's active cart; the first request of a customer opens an empty one. */
    @WithTransaction
    public Uni<PricedCart> current(UUID customerId) {
        return carts.activeCart(customerId, false).chain(this::priced);
    }

    @WithTransaction
    public Uni<PricedCart> setQuantity(UUID customerId, UUID productId, int quantity) {
        return carts.activeCart(customerId, true).chain(cart -> products.findCopy(productId).chain(product -> {
            if (product == null) {
                throw new UnknownProductException(productId);
            }
            CartRules.apply(() -> cart.setQuantity(productId, quantity));
            return saveAndPrice(cart);
        }));
    }

    /** Removes the product's line; a product that is not in the cart is a no-op. */
    @WithTransaction
    public Uni<PricedCart> remove(UUID customerId, UUID productId) {
        return carts.activeCart(customerId, true).chain(cart -> {
            CartRules.apply(() -> cart.remove(productId));
            return saveAndPrice(cart);
        });
    }

    @WithTransaction
    public Uni<PricedCart> clear(UUID customerId) {
        return carts.activeCart(customerId, true).chain(cart -> {
            CartRules.apply(cart::clear);
            return saveAndPrice(cart);
        });
    }

    private Uni<PricedCart> saveAndPrice(Cart cart) {
        return carts.save(cart).chain(() -> priced(cart));
    }

    private Uni<PricedCart> priced(Cart cart) {
        return products.findCopies(cart.lines().keySet()).map(copies -> PricedCart.of(cart, copies));
    }
}

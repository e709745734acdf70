package dev.bazaar.cart.infrastructure;

import java.util.List;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.domain.CartStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Carts in and out of the current reactive session; callers open the session or transaction. */
@ApplicationScoped
public class CartRepository implements PanacheRepositoryBase<CartEntity, UUID> {

    private static final List<CartStatus> ACTIVE = List.of(CartStatus.OPEN, CartStatus.CHECKED_OUT);

    /**
     * Creates an empty OPEN cart unless the customer has an active one. Concurrent first requests of one customer all
     * get here: the partial unique index lets one insert win, the others wait for it and then do nothing.
     */
    private static final String OPEN_IF_MISSING = """
            insert into cart (id, customer_id, status) values (:id, :customerId, 'OPEN')
            on conflict do nothing
            """;

    /**
     * The customer's active cart, created empty if there is none.
     *
     * @param lock row-lock it, so changes of one cart (requests, order outcomes) run one after the other
     */
    public Uni<Cart> activeCart(UUID customerId, boolean lock) {
        return findActive(customerId, lock).chain(cart -> cart != null
                ? Uni.createFrom().item(cart)
                : openIfMissing(customerId).chain(() -> findActive(customerId, lock)).map(created -> {
                    if (created == null) {
                        throw new IllegalStateException("no active cart for customer " + customerId + " after insert");
                    }
                    return created;
                }));
    }

    /** Writes the cart's state to its managed row (loaded earlier in this session). */
    public Uni<Void> save(Cart cart) {
        return findById(cart.id()).invoke(entity -> {
            if (entity == null) {
                throw new IllegalStateException("cart " + cart.id() + " vanished");
            }
            entity.copyFrom(cart);
        }).replaceWithVoid();
    }

    private Uni<Cart> findActive(UUID customerId, boolean lock) {
        var query = find("customerId = ?1 and status in ?2", customerId, ACTIVE);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResult().chain(CartRepository::toDomain);
    }

    private Uni<Void> openIfMissing(UUID customerId) {
        return getSession().chain(session -> session.createNativeQuery(OPEN_IF_MISSING)
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("customerId", customerId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Cart> toDomain(CartEntity entity) {
        if (entity == null) {
            return Uni.createFrom().nullItem();
        }
        return Mutiny.fetch(entity.lines).map(fetched -> entity.toDomain());
    }
}

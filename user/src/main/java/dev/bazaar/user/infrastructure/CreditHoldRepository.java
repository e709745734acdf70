package dev.bazaar.user.infrastructure;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.CreditHold;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Credit holds, keyed by order id, in and out of the current reactive session. Read a hold only after locking its
 * account ({@link CreditAccountRepository#findForUpdate}): that lock is what serializes changes to it.
 */
@ApplicationScoped
public class CreditHoldRepository implements PanacheRepositoryBase<CreditHoldEntity, UUID> {

    /** @return the order's hold, or null */
    public Uni<CreditHold> findHold(UUID orderId) {
        return findById(orderId).map(entity -> entity == null ? null : entity.toDomain());
    }

    /**
     * Inserts the hold. The order id is the primary key: if another transaction recorded this order meanwhile, this
     * one fails and its retry finds the recorded outcome.
     */
    public Uni<Void> add(CreditHold hold) {
        return persist(CreditHoldEntity.from(hold)).replaceWithVoid();
    }

    /** Writes a status change to the managed row (loaded earlier in this session). */
    public Uni<Void> save(CreditHold hold) {
        return findById(hold.orderId()).invoke(entity -> {
            if (entity == null) {
                throw new IllegalStateException("credit hold of order " + hold.orderId() + " vanished");
            }
            entity.copyStatusFrom(hold);
        }).replaceWithVoid();
    }
}

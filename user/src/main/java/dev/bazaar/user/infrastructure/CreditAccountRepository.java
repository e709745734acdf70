package dev.bazaar.user.infrastructure;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.bazaar.user.domain.CreditAccount;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Credit accounts in and out of the current reactive session; callers open the session or transaction. */
@ApplicationScoped
public class CreditAccountRepository implements PanacheRepositoryBase<CreditAccountEntity, UUID> {

    /** @return the account, or null */
    public Uni<CreditAccount> findAccount(UUID customerId) {
        return findById(customerId).map(entity -> entity == null ? null : entity.toDomain());
    }

    /**
     * Loads and row-locks the account ({@code SELECT ... FOR UPDATE}). Every change of money goes through this
     * lock, so two holds (on any replica) are decided one after the other and can never overdraw the balance.
     *
     * @return the account, or null
     */
    public Uni<CreditAccount> findForUpdate(UUID customerId) {
        return findById(customerId, LockModeType.PESSIMISTIC_WRITE)
                .map(entity -> entity == null ? null : entity.toDomain());
    }

    public Uni<Void> add(CreditAccount account) {
        return persist(CreditAccountEntity.from(account)).replaceWithVoid();
    }

    /** Writes the account's money to its managed row (loaded earlier in this session). */
    public Uni<Void> save(CreditAccount account) {
        return findById(account.customerId()).invoke(entity -> {
            if (entity == null) {
                throw new IllegalStateException("credit account of " + account.customerId() + " vanished");
            }
            entity.copyFrom(account);
        }).replaceWithVoid();
    }
}

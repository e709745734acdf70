package dev.bazaar.user.infrastructure;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.Customer;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Customers in and out of the current reactive session; callers open the session or transaction. */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<CustomerEntity, UUID> {

    /** @return the customer, or null */
    public Uni<Customer> findCustomer(UUID id) {
        return findById(id).map(entity -> entity == null ? null : entity.toDomain());
    }

    /** @return the customer with this email (already {@link Customer#normalizeEmail normalized}), or null */
    public Uni<Customer> findByEmail(String email) {
        return find("email", email).firstResult().map(entity -> entity == null ? null : entity.toDomain());
    }

    public Uni<Boolean> existsByEmail(String email) {
        return count("email", email).map(count -> count > 0);
    }

    /**
     * Replaces the password hash only if it is still {@code expected}, so a login upgrading an old hash never
     * overwrites a change made meanwhile. Needs a transaction.
     */
    public Uni<Boolean> replacePasswordHash(UUID id, String expected, String replacement) {
        return update("passwordHash = ?1 where id = ?2 and passwordHash = ?3", replacement, id, expected)
                .map(changed -> changed > 0);
    }

    /** Inserts and flushes at once, so a sign-up racing on the same email fails here rather than at commit. */
    public Uni<Void> add(Customer customer) {
        return persist(CustomerEntity.from(customer)).call(this::flush).replaceWithVoid();
    }
}

package dev.bazaar.user.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.user.domain.CreditAccount;
import dev.bazaar.user.domain.Money;
import dev.bazaar.user.domain.TopUp;
import dev.bazaar.user.infrastructure.CreditAccountRepository;
import dev.bazaar.user.infrastructure.CustomerRepository;
import dev.bazaar.user.infrastructure.TopUpRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Reads users with their credit, and tops credit up. */
@ApplicationScoped
public class Accounts {

    private final CustomerRepository customers;
    private final CreditAccountRepository accounts;
    private final TopUpRepository topUps;
    private final IdempotencyKeys idempotency;

    Accounts(CustomerRepository customers, CreditAccountRepository accounts, TopUpRepository topUps,
            IdempotencyKeys idempotency) {
        this.customers = customers;
        this.accounts = accounts;
        this.topUps = topUps;
        this.idempotency = idempotency;
    }

    @WithSession
    public Uni<CustomerProfile> profile(UUID userId) {
        return customers.findCustomer(userId)
                .onItem().ifNull().failWith(() -> new UserNotFoundException(userId))
                .chain(customer -> accounts.findAccount(userId)
                        .onItem().ifNull().failWith(() -> new IllegalStateException("user " + userId
                                + " has no credit account"))
                        .map(account -> new CustomerProfile(customer, account)));
    }

    /**
     * Adds {@code amount} to the user's balance. A retry with the same Idempotency-Key gets the first answer again
     * and adds nothing (the same key with another amount is refused).
     */
    @WithTransaction
    public Uni<StoredResponse> topUp(UUID userId, BigDecimal amount, String idempotencyKey,
            Function<CreditAccount, StoredResponse> response) {
        return idempotency.once("top-up:" + userId, idempotencyKey, Money.of(amount).toPlainString(),
                () -> topUp(userId, amount).map(response));
    }

    private Uni<CreditAccount> topUp(UUID userId, BigDecimal amount) {
        return accounts.findForUpdate(userId)
                .onItem().ifNull().failWith(() -> new UserNotFoundException(userId))
                .chain(account -> {
                    TopUp topUp = account.topUp(amount, Instant.now());
                    Log.infof("Topped up %s for user %s (top-up %s)", topUp.amount(), userId, topUp.id());
                    return accounts.save(account).chain(() -> topUps.add(topUp)).replaceWith(account);
                });
    }
}

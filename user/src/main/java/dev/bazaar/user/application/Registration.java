package dev.bazaar.user.application;

import java.time.Instant;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.user.UserRegistered;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.persistence.UniqueKeyViolation;
import dev.bazaar.user.domain.CreditAccount;
import dev.bazaar.user.domain.Customer;
import dev.bazaar.user.domain.Role;
import dev.bazaar.user.infrastructure.CreditAccountRepository;
import dev.bazaar.user.infrastructure.CustomerRepository;
import dev.bazaar.user.infrastructure.PasswordHasher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Signs users up: the customer, an empty credit account and {@code user.registered} commit together or not at all. */
@ApplicationScoped
public class Registration {

    static final String EMAIL_UNIQUE = "customer_email_unique";
    private static final String SIGN_UP_SCOPE = "sign-up";

    private final CustomerRepository customers;
    private final CreditAccountRepository accounts;
    private final PasswordHasher passwords;
    private final Outbox outbox;
    private final IdempotencyKeys idempotency;

    Registration(CustomerRepository customers, CreditAccountRepository accounts, PasswordHasher passwords,
            Outbox outbox, IdempotencyKeys idempotency) {
        this.customers = customers;
        this.accounts = accounts;
        this.passwords = passwords;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    /** Registers a user; fails with {@link EmailAlreadyRegisteredException} if the email (in any case) is taken. */
    public Uni<Customer> register(String email, String name, String password, Role role) {
        String normalizedEmail = Customer.normalizeEmail(email);
        return afterHashing(normalizedEmail, password, hash -> insert(normalizedEmail, name, hash, role));
    }

    /**
     * A customer's own sign-up over HTTP. A retry with the same Idempotency-Key gets the first answer again instead
     * of a 409; the key is tied to email and name (never to the password, which is stored nowhere in clear).
     */
    public Uni<StoredResponse> signUp(String email, String name, String password, String idempotencyKey,
            Function<Customer, StoredResponse> response) {
        String normalizedEmail = Customer.normalizeEmail(email);
        String fingerprint = normalizedEmail + "\n" + name.strip();
        return afterHashing(normalizedEmail, password, hash -> idempotency.once(SIGN_UP_SCOPE, idempotencyKey,
                fingerprint, () -> insert(normalizedEmail, name, hash, Role.CUSTOMER).map(response)));
    }

    /** Hashes first and only then opens the transaction: no connection is held while bcrypt burns CPU. */
    private <T> Uni<T> afterHashing(String email, String password, Function<String, Uni<T>> inTransaction) {
        return passwords.hash(password)
                .chain(hash -> Panache.withTransaction(() -> inTransaction.apply(hash)))
                .onFailure(failure -> UniqueKeyViolation.of(failure, EMAIL_UNIQUE))
                .transform(failure -> new EmailAlreadyRegisteredException(email));
    }

    private Uni<Customer> insert(String email, String name, String passwordHash, Role role) {
        return customers.existsByEmail(email).chain(exists -> {
            if (exists) {
                return Uni.createFrom().failure(new EmailAlreadyRegisteredException(email));
            }
            Customer customer = Customer.register(email, name, passwordHash, role, Instant.now());
            // add() flushes at once, so a sign-up racing this one fails here, on the unique index, as a 409.
            return customers.add(customer)
                    .chain(() -> accounts.add(CreditAccount.openFor(customer.id())))
                    .chain(() -> outbox.enqueue(Contracts.USER_REGISTERED,
                            new UserRegistered(customer.id(), customer.email(), customer.name()),
                            customer.id().toString(), customer.id().toString(), null))
                    .invoke(() -> Log.infof("Registered %s user %s", role, customer.id()))
                    .replaceWith(customer);
        });
    }
}

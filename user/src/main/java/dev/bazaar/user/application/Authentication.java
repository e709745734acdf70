package dev.bazaar.user.application;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.Customer;
import dev.bazaar.user.infrastructure.AccessToken;
import dev.bazaar.user.infrastructure.CustomerRepository;
import dev.bazaar.user.infrastructure.PasswordHasher;
import dev.bazaar.user.infrastructure.TokenIssuer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Exchanges email and password for an access token. Each attempt passes the {@link LoginThrottle} before bcrypt runs.
 */
@ApplicationScoped
public class Authentication {

    private final CustomerRepository customers;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;

    Authentication(CustomerRepository customers, PasswordHasher passwords, TokenIssuer tokens,
            LoginThrottle throttle) {
        this.customers = customers;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /**
     * Fails with {@link InvalidCredentialsException} for an unknown email and for a wrong password alike, and with
     * {@link LoginThrottledException} (without checking the password) while the account is locked.
     */
    public Uni<AccessToken> login(String email, String password) {
        // The session (and its pooled connection) is closed before bcrypt runs: a burst of logins must not drain
        // the pool while waiting for CPU.
        return throttle.admit(email)
                .chain(() -> Panache.withSession(() -> customers.findByEmail(Customer.normalizeEmail(email))))
                .chain(customer -> passwords.matches(password, customer == null ? null : customer.passwordHash())
                        .chain(matches -> {
                            if (!matches) {
                                Log.debugf("Failed login for %s", customer == null ? "unknown email" : customer.id());
                                return Uni.createFrom().failure(new InvalidCredentialsException());
                            }
                            return throttle.succeeded(email)
                                    .chain(() -> upgradeHash(customer, password))
                                    .chain(() -> tokens.issue(customer));
                        }));
    }

    /**
     * Rehashes a password whose stored hash has a lower bcrypt cost than configured. Best effort: a failure is logged
     * and the login still succeeds (the next one tries again).
     */
    private Uni<Void> upgradeHash(Customer customer, String password) {
        if (!passwords.needsRehash(customer.passwordHash())) {
            return Uni.createFrom().voidItem();
        }
        return passwords.hash(password)
                .chain(hash -> Panache.withTransaction(
                        () -> customers.replacePasswordHash(customer.id(), customer.passwordHash(), hash)))
                .invoke(replaced -> Log.infof("Password hash of user %s upgraded to the configured bcrypt cost: %s",
                        customer.id(), replaced ? "done" : "changed meanwhile, left alone"))
                .onFailure().invoke(e -> Log.warnf(e, "Could not upgrade the password hash of user %s", customer.id()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

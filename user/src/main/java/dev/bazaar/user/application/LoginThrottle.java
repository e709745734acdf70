package dev.bazaar.user.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.bazaar.infra.persistence.BatchedDelete;
import dev.bazaar.user.domain.Customer;
import dev.bazaar.user.domain.FailedLogins;
import dev.bazaar.user.domain.LoginThrottlePolicy;
import dev.bazaar.user.infrastructure.LoginThrottleConfig;
import dev.bazaar.user.infrastructure.LoginThrottleStore;
import dev.bazaar.user.infrastructure.LoginThrottleStore.Change;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The per-account brake on password guessing, in front of bcrypt. Every login attempt is counted on its account
 * before the password is checked, in the database all replicas share, and refused with 429 while the account is
 * locked ({@link FailedLogins}): whatever the number of clients, replicas or concurrent requests, bcrypt runs at most
 * {@code bazaar.login.free-attempts} times per account and then once per lock period. The account is the normalized
 * email whether or not anyone registered it, so the answers do not tell which emails exist.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Pool pool;
    private final LoginThrottleStore store;
    private final LoginThrottlePolicy policy;
    private final LoginThrottleConfig config;
    private final Clock clock;

    @Inject
    LoginThrottle(Pool pool, LoginThrottleStore store, LoginThrottleConfig config) {
        this(pool, store, config, Clock.systemUTC());
    }

    LoginThrottle(Pool pool, LoginThrottleStore store, LoginThrottleConfig config, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.policy = config.policy();
        this.config = config;
        this.clock = clock;
    }

    /**
     * Counts an attempt on this email's account, in one transaction holding its row lock; fails with
     * {@link LoginThrottledException} while it is locked.
     */
    public Uni<Void> admit(String email) {
        String account = account(email);
        Instant now = clock.instant();
        return pool.withTransaction(connection -> store.change(connection, account, now, current -> {
            FailedLogins.Attempt attempt = current.attempt(now, policy);
            return new Change<>(attempt.next(), attempt.retryAfter());
        })).chain(retryAfter -> {
            if (retryAfter.isZero()) {
                return Uni.createFrom().voidItem();
            }
            Log.debugf("Login refused for %s s: too many failed attempts", retryAfter.toSeconds());
            return Uni.createFrom().failure(new LoginThrottledException(retryAfter));
        });
    }

    /** A successful login forgets the account's failed attempts. */
    public Uni<Void> succeeded(String email) {
        return store.forget(account(email));
    }

    /** Deletes the rows of accounts nobody tried for {@code bazaar.login.forget-after}, in small batches. */
    @Scheduled(identity = "login-throttle-cleanup", every = "${bazaar.login.cleanup-interval:10m}",
            delayed = "${bazaar.login.cleanup-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldAttempts() {
        Instant before = clock.instant().minus(config.forgetAfter());
        int batchSize = config.cleanupBatchSize();
        return BatchedDelete.repeat(() -> store.deleteOlderThan(before, batchSize), batchSize)
                .invoke(deleted -> {
                    if (deleted.rows() > 0) {
                        Log.debugf("Forgot the failed logins of %d accounts", deleted.rows());
                    }
                })
                .replaceWithVoid();
    }

    /** The row key: SHA-256 of the normalized email, so addresses tried by a guesser are not stored as such. */
    static String account(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Customer.normalizeEmail(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

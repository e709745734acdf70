package dev.bazaar.user.infrastructure;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;

/**
 * bcrypt hashing. A hash costs a few hundred milliseconds of CPU, so it runs on a worker thread: on the event loop it
 * would stall every other request. The workers are a pool of their own, bounded together with the hashes waiting for
 * them ({@code bazaar.user.bcrypt-concurrency}, {@code bcrypt-queue}), so no flood of sign-ups or logins, over however
 * many accounts, can take more CPU than that. {@code Vertx#executeBlocking} hands the result back on the caller's Vert.x
 * context, so the caller's Hibernate Reactive session keeps working afterwards.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    /** bcrypt reads at most 72 bytes; longer passwords are pre-hashed with SHA-512 instead of being cut off. */
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final WorkerExecutor workers;
    private final int cost;
    private final int admitted;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile String unknownUserHash;

    PasswordHasher(Vertx vertx, UserConfig config) {
        this.workers = vertx.createSharedWorkerExecutor("bcrypt", config.bcryptConcurrency());
        this.cost = config.bcryptCost();
        this.admitted = config.bcryptConcurrency() + config.bcryptQueue();
    }

    @PreDestroy
    void close() {
        workers.closeAndForget();
    }

    public Uni<String> hash(String password) {
        return offload(() -> hashNow(password));
    }

    /**
     * Checks {@code password} against {@code storedHash}. With a null hash (no such user) it still spends the time
     * of a real check and answers false, so response times do not tell which emails are registered.
     */
    public Uni<Boolean> matches(String password, String storedHash) {
        return offload(() -> {
            String hash = storedHash != null ? storedHash : unknownUserHash();
            boolean verified = BCrypt.verifyer(VERSION, LONG_PASSWORDS)
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
                    .verified;
            return verified && storedHash != null;
        });
    }

    private String hashNow(String password) {
        return new String(BCrypt.with(VERSION, LONG_PASSWORDS).hash(cost, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    private String unknownUserHash() {
        String hash = unknownUserHash;
        if (hash == null) {
            hash = hashNow("no user has this password");
            unknownUserHash = hash;
        }
        return hash;
    }

    /**
     * True for a hash made with a lower cost than new hashes get: a successful login replaces it while the password
     * is at hand, so raising {@code bazaar.user.bcrypt-cost} reaches every active account without a reset. A hash of
     * a higher cost is kept (lowering the setting never weakens stored hashes).
     */
    public boolean needsRehash(String storedHash) {
        // $2a$10$<22 characters of salt><31 of hash>: version, cost, salt and hash
        String[] parts = storedHash.split("\\$", 4);
        if (parts.length < 4) {
            return true;
        }
        try {
            return Integer.parseInt(parts[2]) < cost;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * Runs a hash or a check on the bcrypt workers, or refuses it with 503 when {@code bcrypt-concurrency} are running
     * and {@code bcrypt-queue} are waiting already: how many accounts sign up or log in at once does not matter.
     */
    private <T> Uni<T> offload(Supplier<T> work) {
        if (pending.incrementAndGet() > admitted) {
            pending.decrementAndGet();
            return Uni.createFrom().failure(new PasswordChecksBusyException());
        }
        // ordered=false: logins of different requests must not queue behind each other on one context
        return workers.executeBlocking(Uni.createFrom().item(work), false)
                .onTermination().invoke(pending::decrementAndGet);
    }
}

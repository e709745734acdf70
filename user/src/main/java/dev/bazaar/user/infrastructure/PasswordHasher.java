package dev.bazaar.user.infrastructure;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * bcrypt hashing. A hash costs a few hundred milliseconds of CPU, so it runs on a worker thread: on the event loop it
 * would stall every other request. {@code Vertx#executeBlocking} hands the result back on the caller's Vert.x
 * context, so the caller's Hibernate Reactive session keeps working afterwards.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    /** bcrypt reads at most 72 bytes; longer passwords are pre-hashed with SHA-512 instead of being cut off. */
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final Vertx vertx;
    private final int cost;
    private volatile String unknownUserHash;

    PasswordHasher(Vertx vertx, UserConfig config) {
        this.vertx = vertx;
        this.cost = config.bcryptCost();
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

    private <T> Uni<T> offload(Supplier<T> work) {
        // ordered=false: logins of different requests must not queue behind each other on one context
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}

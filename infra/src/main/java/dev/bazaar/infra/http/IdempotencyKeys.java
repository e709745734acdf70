package dev.bazaar.infra.http;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Makes an HTTP command idempotent per {@code Idempotency-Key}. The key is claimed, the command runs and its response
 * is stored in the caller's transaction: a retry after commit replays the stored response; a concurrent retry waits
 * on the claimed row (PostgreSQL blocks the second insert until the first commits) and then replays; a failed first
 * attempt rolls its claim back, so the retry runs afresh. The same key with a different request is refused (422).
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    /**
     * Runs {@code command} once per (scope, key); must be called inside a transaction.
     *
     * @param scope who and what the key belongs to, e.g. {@code "checkout:" + customerId}
     * @param fingerprint what identifies the request (e.g. its body), to refuse a reused key with another request
     */
    public Uni<StoredResponse> once(String scope, String key, String fingerprint,
            Supplier<Uni<StoredResponse>> command) {
        if (key == null || key.isBlank()) {
            return command.get();
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new ProblemException(400, "Invalid Idempotency-Key",
                    "Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters"));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "insert into idempotency_key (scope, key, fingerprint) values (:scope, :key, :fp) "
                                        + "on conflict do nothing")
                        .setParameter("scope", scope).setParameter("key", key).setParameter("fp", fingerprint)
                        .executeUpdate()
                        .chain(claimed -> claimed == 1
                                ? command.get().call(response -> session.createNativeQuery(
                                                "update idempotency_key set status = :status, location = :location, "
                                                        + "body = :body where scope = :scope and key = :key")
                                        .setParameter("status", response.status())
                                        .setParameter("location", response.location())
                                        .setParameter("body", response.body())
                                        .setParameter("scope", scope).setParameter("key", key)
                                        .executeUpdate())
                                : replay(session, scope, key, fingerprint)));
    }

    private static Uni<StoredResponse> replay(org.hibernate.reactive.mutiny.Mutiny.Session session, String scope,
            String key, String fingerprint) {
        return session.createNativeQuery(
                        "select fingerprint, status, location, body from idempotency_key "
                                + "where scope = :scope and key = :key", Object[].class)
                .setParameter("scope", scope).setParameter("key", key)
                .getResultList()
                .map(rows -> {
                    List<Object[]> found = rows;
                    Object[] row = found.get(0);
                    if (!fingerprint.equals(row[0])) {
                        throw new ProblemException(422, "Idempotency-Key reused",
                                "Idempotency-Key '" + key + "' was already used for a different request");
                    }
                    return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
                });
    }
}

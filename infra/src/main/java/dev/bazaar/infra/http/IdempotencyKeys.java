package dev.bazaar.infra.http;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.persistence.SqlTransactions;
import dev.bazaar.infra.persistence.UniqueKeyViolation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

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
    private static final String CLAIM_ANSWERED = "insert into idempotency_key (scope, key, fingerprint, status, "
            + "location, body) values ($1, $2, $3, $4, $5, $6)";
    private static final String KEY_CONSTRAINT = "idempotency_key_pkey";
    private static final String STORED = "select fingerprint, status, location, body from idempotency_key "
            + "where scope = $1 and key = $2";

    /** What {@link #once(Pool, String, String, String, StoredResponse, Function)} answered. */
    public record Outcome(StoredResponse response, boolean ran) {
    }

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
            return Uni.createFrom().failure(tooLong());
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

    /**
     * Plain-SQL form for a command whose response is known before it runs (built from memory): one transaction
     * claims the key with the response already in it and runs {@code writes}, everything from {@code BEGIN} to
     * {@code COMMIT} sent back to back in one round trip. A key claimed before (or by a concurrent request, which
     * PostgreSQL makes this one wait for) fails the claim's insert, which aborts the transaction with all its writes;
     * the stored response is replayed instead.
     *
     * @param writes the command's writes, all sent at once (not one after another's answer)
     * @return the response, and whether this request's writes committed (only then has it effects to publish)
     */
    public Uni<Outcome> once(SqlTransactions transactions, String scope, String key, String fingerprint,
            StoredResponse response, Function<SqlConnection, Uni<Void>> writes) {
        if (key == null || key.isBlank()) {
            return transactions.inTransaction(transaction -> transaction.commitWith(
                            List.of(writes.apply(transaction.connection()))))
                    .replaceWith(new Outcome(response, true));
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(tooLong());
        }
        Tuple claim = Tuple.of(scope, key, fingerprint, response.status(), response.location(), response.body());
        return transactions.inTransaction(transaction -> transaction.commitWith(List.of(
                        transaction.connection().preparedQuery(CLAIM_ANSWERED).execute(claim),
                        writes.apply(transaction.connection()))))
                .replaceWith(new Outcome(response, true))
                .onFailure(failure -> UniqueKeyViolation.of(failure, KEY_CONSTRAINT))
                .recoverWithUni(() -> transactions.withConnection(connection -> connection.preparedQuery(STORED)
                        .execute(Tuple.of(scope, key))
                        .map(rows -> {
                            Row row = rows.iterator().next();
                            return new Outcome(stored(key, fingerprint, row.getString(0), row.getInteger(1),
                                    row.getString(2), row.getString(3)), false);
                        })));
    }

    private static ProblemException tooLong() {
        return new ProblemException(400, "Invalid Idempotency-Key",
                "Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters");
    }

    private static StoredResponse stored(String key, String fingerprint, String storedFingerprint, int status,
            String location, String body) {
        if (!fingerprint.equals(storedFingerprint)) {
            throw new ProblemException(422, "Idempotency-Key reused",
                    "Idempotency-Key '" + key + "' was already used for a different request");
        }
        return new StoredResponse(status, location, body);
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
                    return stored(key, fingerprint, (String) row[0], ((Number) row[1]).intValue(), (String) row[2],
                            (String) row[3]);
                });
    }
}

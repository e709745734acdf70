package dev.bazaar.user.infrastructure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.FailedLogins;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Table {@code login_throttle} in plain SQL on the reactive pool. Each change is decided under the row's lock, so two
 * replicas (or two requests) counting an attempt on the same account one after the other see each other's count.
 */
@ApplicationScoped
public class LoginThrottleStore {

    private static final String CREATE = "insert into login_throttle (account, failures, last_attempt_at) "
            + "values ($1, 0, $2) on conflict (account) do nothing";
    private static final String LOCK = "select failures, last_attempt_at, locked_until from login_throttle "
            + "where account = $1 for update";
    private static final String UPDATE = "update login_throttle set failures = $2, last_attempt_at = $3, "
            + "locked_until = $4 where account = $1";
    private static final String DELETE = "delete from login_throttle where account = $1";
    private static final String DELETE_OLD = "delete from login_throttle where account in (select account from "
            + "login_throttle where last_attempt_at < $1 and (locked_until is null or locked_until < $1) limit $2)";

    private final Pool pool;

    LoginThrottleStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies {@code change} to the account's failed logins (none if it has no row) and stores what it returns, on
     * the caller's transaction, which holds the row lock until it ends.
     */
    public <T> Uni<T> change(SqlConnection connection, String account, Instant now,
            Function<FailedLogins, Change<T>> change) {
        return connection.preparedQuery(CREATE)
                .execute(Tuple.of(account, utc(now)))
                .chain(() -> connection.preparedQuery(LOCK).execute(Tuple.of(account)))
                .chain(rows -> {
                    FailedLogins current = read(rows.iterator().next());
                    Change<T> decided = change.apply(current);
                    FailedLogins next = decided.next();
                    if (next.equals(current)) {
                        return Uni.createFrom().item(decided.result());
                    }
                    return connection.preparedQuery(UPDATE)
                            .execute(Tuple.of(account, next.failures(), utc(next.lastAttempt()),
                                    next.lockedUntil() == null ? null : utc(next.lockedUntil())))
                            .replaceWith(decided.result());
                });
    }

    /** Forgets the account's failed logins. */
    public Uni<Void> forget(String account) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(account)).replaceWithVoid();
    }

    /** Deletes up to {@code limit} rows last touched before {@code before} and not locked then; how many it did. */
    public Uni<Integer> deleteOlderThan(Instant before, int limit) {
        return pool.preparedQuery(DELETE_OLD).execute(Tuple.of(utc(before), limit)).map(rows -> rows.rowCount());
    }

    private static FailedLogins read(Row row) {
        OffsetDateTime last = row.getOffsetDateTime("last_attempt_at");
        OffsetDateTime locked = row.getOffsetDateTime("locked_until");
        int failures = row.getInteger("failures");
        return failures == 0 ? FailedLogins.none()
                : new FailedLogins(failures, last.toInstant(), locked == null ? null : locked.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * What to store and what to answer.
     *
     * @param next   the account's failed logins afterwards
     * @param result the caller's answer
     */
    public record Change<T>(FailedLogins next, T result) {
    }
}

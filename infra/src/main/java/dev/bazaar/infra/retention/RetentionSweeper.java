package dev.bazaar.infra.retention;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.persistence.BatchedDelete;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code inbox_message} and {@code idempotency_key} from growing without bound: every
 * {@link RetentionConfig#interval()} it deletes the rows older than their retention, {@link RetentionConfig#batchSize()}
 * rows per statement, until a statement finds fewer. Each statement commits on its own and skips rows another
 * replica's sweep has locked, so sweeps of several replicas share the work and never wait on each other; the
 * statement finds its rows through the age index ({@code db/infra/R__retention_indexes.sql}) and deletes them by
 * {@code ctid}. What a deleted row stops protecting against is in the README (Retention).
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final String INBOX = "delete from inbox_message where ctid = any(array("
            + "select ctid from inbox_message where received_at < $1 limit $2 for update skip locked))";
    private static final String IDEMPOTENCY_KEYS = "delete from idempotency_key where ctid = any(array("
            + "select ctid from idempotency_key where created_at < $1 limit $2 for update skip locked))";

    private final Pool pool;
    private final RetentionConfig config;

    RetentionSweeper(Pool pool, RetentionConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${bazaar.retention.interval:10m}", delayed = "${bazaar.retention.interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepInbox().chain(this::sweepIdempotencyKeys)
                .onFailure().invoke(e -> Log.warnf("Retention sweep failed, retried in %s: %s", config.interval(),
                        e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the inbox rows older than {@link RetentionConfig#inbox()}. */
    public Uni<Swept> sweepInbox() {
        return sweep("inbox_message", INBOX, config.inbox());
    }

    /** Deletes the stored Idempotency-Key responses older than {@link RetentionConfig#idempotencyKeys()}. */
    public Uni<Swept> sweepIdempotencyKeys() {
        return sweep("idempotency_key", IDEMPOTENCY_KEYS, config.idempotencyKeys());
    }

    private Uni<Swept> sweep(String table, String statement, Duration retention) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        int batchSize = config.batchSize();
        return BatchedDelete.repeat(() -> pool.preparedQuery(statement).execute(Tuple.of(cutoff, batchSize))
                        .map(result -> result.rowCount()), batchSize)
                .map(deleted -> new Swept(table, deleted.rows(), deleted.batches()))
                .invoke(swept -> {
                    if (swept.rows() > 0) {
                        Log.infof("Deleted %d %s row(s) older than %s in %d batch(es)", swept.rows(), table,
                                retention, swept.batches());
                    }
                });
    }
}

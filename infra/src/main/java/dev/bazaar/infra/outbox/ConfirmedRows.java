package dev.bazaar.infra.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bazaar.infra.persistence.SqlTransactions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes the outbox rows the broker confirmed after a publish-after-commit, many at a time: one statement per
 * {@link OutboxConfig#deleteInterval()} instead of one transaction (and one WAL flush) per published batch. A row
 * whose delete has not run yet is only a row the relay could publish again, and it does so only once the row is older
 * than {@link OutboxConfig#recoveryAge()}, far longer than the interval; a delete lost in a crash costs at most that
 * redelivery, which the consumers' inbox absorbs.
 */
@ApplicationScoped
public class ConfirmedRows {

    private static final String DELETE = "delete from outbox_message where id = any($1)";

    private final SqlTransactions transactions;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final ConcurrentLinkedQueue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long timer = -1;

    ConfirmedRows(SqlTransactions transactions, Vertx vertx, OutboxConfig config) {
        this.transactions = transactions;
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(1, config.deleteInterval().toMillis()), id -> flush().subscribe().with(
                ignored -> { }, failure -> { }));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            Log.debugf("Outbox rows confirmed before shutdown stay for the relay: %s", e.toString());
        }
    }

    /** Marks rows as confirmed by the broker: they are deleted with the next flush. */
    void add(List<OutboxRow> rows) {
        rows.forEach(row -> confirmed.add(row.id()));
        size.addAndGet(rows.size());
    }

    /** Deletes what was confirmed so far, up to ten relay batches' worth of rows per statement. */
    private Uni<Void> flush() {
        if (size.get() == 0 || !flushing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = new ArrayList<>();
        int limit = Math.max(config.batchSize(), 1) * 10;
        for (UUID id = confirmed.poll(); id != null; id = ids.size() < limit ? confirmed.poll() : null) {
            ids.add(id);
        }
        size.addAndGet(-ids.size());
        return transactions.withConnection(connection -> connection.preparedQuery(DELETE)
                        .execute(Tuple.of(ids.toArray(UUID[]::new))))
                .replaceWithVoid()
                .onFailure().invoke(failure -> {
                    Log.warnf("Deleting %d confirmed outbox row(s) failed, retrying with the next flush: %s",
                            ids.size(), failure.toString());
                    confirmed.addAll(ids);
                    size.addAndGet(ids.size());
                })
                .onTermination().invoke(() -> flushing.set(false));
    }
}

package dev.bazaar.infra.outbox;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bazaar.infra.persistence.SqlTransactions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The recovery path of the outbox. The code that commits outbox rows publishes them itself right after the commit
 * ({@link PublishAfterCommit}); the relay publishes only rows older than {@link OutboxConfig#recoveryAge()}, left
 * behind by a publish that failed or a process that died. Each run is one database transaction that first takes a
 * transaction-scoped advisory lock, so with several replicas one relay recovers at a time, oldest row first. Rows are
 * deleted in that transaction only after the broker confirmed them; a relay that dies in between leaves them and they
 * are published again (at-least-once delivery, made harmless by the consumers' inbox).
 * <p>
 * There is no LISTEN/NOTIFY wake-up any more: nothing waits for the relay on the happy path, and a NOTIFY at commit
 * takes a lock shared by the whole PostgreSQL instance, which serialized every outbox-writing commit of all services.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * Key of the transaction-scoped advisory lock that makes one relay per database the only publisher. Held for one
     * batch only, so a relay that dies loses it with its connection and another replica takes over at its next wake.
     */
    public static final long LOCK_KEY = 0x6261_7a61_6172_0001L;

    private final SqlTransactions transactions;
    private final OutboxStore store;
    private final OutboxPublisher publisher;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();

    OutboxRelay(SqlTransactions transactions, OutboxStore store, OutboxPublisher publisher, OutboxConfig config, Vertx vertx) {
        this.transactions = transactions;
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            wake();
        }
    }

    @Scheduled(every = "${bazaar.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.relayEnabled()) {
            wake();
        }
    }

    /** Asks for a relay run; runs never overlap within one instance, and a wake during a run causes one more. */
    public void wake() {
        wanted.set(true);
        if (running.compareAndSet(false, true)) {
            runOnce();
        }
    }

    /** Messages this instance's relay has recovered (published and seen confirmed) since start. */
    public long publishedCount() {
        return published.get();
    }

    private void runOnce() {
        wanted.set(false);
        relayBatch().subscribe().with(outcome -> {
            running.set(false);
            if (outcome == Outcome.INCOMPLETE) {
                retryLater();
            } else if (outcome == Outcome.FULL_BATCH || wanted.get()) {
                wake();
            }
        }, failure -> {
            Log.warnf("Outbox relay run failed, retrying in %s: %s", config.retryDelay(), failure.toString());
            running.set(false);
            retryLater();
        });
    }

    private void retryLater() {
        vertx.setTimer(Math.max(1, config.retryDelay().toMillis()), id -> wake());
    }

    private Uni<Outcome> relayBatch() {
        return transactions.inTransaction(transaction -> relayLocked(transaction.connection()));
    }

    private Uni<Outcome> relayLocked(SqlConnection connection) {
        return store.tryLock(connection).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(Outcome.LOCKED_ELSEWHERE);
            }
            return store.pending(connection, config.batchSize(), config.recoveryAge().toMillis()).chain(rows -> {
                if (rows.isEmpty()) {
                    return Uni.createFrom().item(Outcome.EMPTY);
                }
                return publisher.publish(rows).chain(confirmed -> store.delete(connection, rows.subList(0, confirmed))
                        .map(deleted -> {
                            published.addAndGet(deleted);
                            if (confirmed < rows.size()) {
                                return Outcome.INCOMPLETE;
                            }
                            return rows.size() == config.batchSize() ? Outcome.FULL_BATCH : Outcome.DONE;
                        }));
            });
        });
    }

    private enum Outcome { EMPTY, LOCKED_ELSEWHERE, DONE, FULL_BATCH, INCOMPLETE }
}

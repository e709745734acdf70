package dev.bazaar.infra.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Plain-SQL transactions on the reactive pool that spend no round trip of their own: {@code BEGIN} goes out in front
 * of the work's first statements, and {@code COMMIT} behind its last writes ({@link Transaction#commitWith}), all
 * pipelined on one connection. PostgreSQL runs them in order; when a pipelined write fails, the transaction is
 * aborted, the statements behind it fail too, and the {@code COMMIT} ends it as a rollback, so the caller sees the
 * failure and nothing of it is stored.
 * <p>
 * Every connection handed out counts its round trips into {@code bazaar_sql_round_trips_total}: the plain-SQL paths
 * (message batches, the outbox, {@code POST /orders}) are what it sees, Hibernate sessions are not counted.
 */
@ApplicationScoped
public class SqlTransactions {

    private final Pool pool;
    private final Counter roundTrips;

    SqlTransactions(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.roundTrips = Counter.builder("bazaar.sql.round.trips")
                .description("Round trips to PostgreSQL on the plain-SQL paths (statements pipelined behind one "
                        + "another share one)")
                .register(registry);
    }

    /** A transaction in progress: its connection, and the way to end it with its last writes. */
    public static final class Transaction {

        private final SqlConnection connection;
        private final CountingConnection counted;
        private boolean ended;

        private Transaction(CountingConnection counted) {
            this.counted = counted;
            this.connection = SqlConnection.newInstance(counted);
        }

        public SqlConnection connection() {
            return connection;
        }

        /** Sends {@code COMMIT} right behind these writes; completes when all of them and the commit are done. */
        public Uni<Void> commitWith(List<? extends Uni<?>> lastWrites) {
            ended = true;
            List<Uni<Void>> pipeline = new ArrayList<>();
            lastWrites.forEach(write -> pipeline.add(write.replaceWithVoid()));
            Uni<Void> commit = connection.query("COMMIT").execute().replaceWithVoid().invoke(this::checkCommitted);
            if (pipeline.isEmpty()) {
                return commit;
            }
            pipeline.add(commit);
            // subscribed in list order: the writes are sent first, the commit behind them; the first failure is
            // the cause (PostgreSQL answers in order)
            return Uni.join().all(pipeline).andFailFast().replaceWithVoid();
        }

        /** PostgreSQL answers COMMIT of an aborted transaction with a rollback, not an error. */
        private void checkCommitted() {
            Throwable failure = counted.firstFailure();
            if (failure != null) {
                throw new RolledBack(failure);
            }
        }
    }

    /** A transaction that ended in a rollback because one of its statements had failed (a caller recovered it). */
    public static final class RolledBack extends RuntimeException {
        RolledBack(Throwable cause) {
            super("The transaction was rolled back: a statement in it failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs {@code work} in one transaction. The work ends it with {@link Transaction#commitWith}; if it does not,
     * it is committed after the work's result (one more round trip). A failure rolls it back.
     */
    public <T> Uni<T> inTransaction(Function<Transaction, Uni<T>> work) {
        return pool.withConnection(pooled -> {
            Transaction transaction = new Transaction(counting(pooled));
            Uni<Void> begin = transaction.connection.query("BEGIN").execute().replaceWithVoid();
            Uni<T> body = Uni.createFrom().deferred(() -> work.apply(transaction));
            return Uni.combine().all().unis(begin, body).with((ignored, result) -> result)
                    .onItem().call(result -> transaction.ended ? Uni.createFrom().voidItem()
                            : transaction.commitWith(List.of()))
                    .onFailure().call(failure -> rollback(transaction));
        });
    }

    /** One statement, or statements sent together, outside a transaction, on a counted connection. */
    public <T> Uni<T> withConnection(Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(pooled -> work.apply(SqlConnection.newInstance(counting(pooled))));
    }

    private CountingConnection counting(SqlConnection pooled) {
        return new CountingConnection(pooled.getDelegate(), roundTrips::increment);
    }

    private static Uni<Void> rollback(Transaction transaction) {
        // after a failed pipelined COMMIT PostgreSQL has no transaction open: a ROLLBACK then only warns
        return transaction.connection.query("ROLLBACK").execute().replaceWithVoid()
                .onFailure().recoverWithUni(failure -> transaction.connection.close());
    }
}

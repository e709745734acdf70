package dev.bazaar.infra.persistence;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.spi.DatabaseMetadata;

/**
 * A connection that counts its round trips: a statement sent while none of this connection's statements is
 * outstanding starts one; statements sent while others are still in flight are pipelined behind them and ride on the
 * same round trip. It also remembers the first statement that failed: in a transaction, that failure aborted it,
 * whatever the statements behind it answered. Everything else is the wrapped connection's.
 */
final class CountingConnection implements SqlConnection {

    private final SqlConnection delegate;
    private final Runnable roundTrip;
    private int inFlight;
    private Throwable firstFailure;

    CountingConnection(SqlConnection delegate, Runnable roundTrip) {
        this.delegate = delegate;
        this.roundTrip = roundTrip;
    }

    private <T> Future<T> track(Supplier<Future<T>> send) {
        synchronized (this) {
            if (inFlight++ == 0) {
                roundTrip.run();
            }
        }
        return send.get().onComplete(result -> {
            synchronized (this) {
                inFlight--;
                if (result.failed() && firstFailure == null) {
                    firstFailure = result.cause();
                }
            }
        });
    }

    /** The first statement of this connection that failed, or null. */
    synchronized Throwable firstFailure() {
        return firstFailure;
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new CountedQuery<>(delegate.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new CountedPreparedQuery<>(delegate.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new CountedPreparedQuery<>(delegate.preparedQuery(sql, options));
    }

    @Override
    public SqlConnection prepare(String sql, Handler<AsyncResult<PreparedStatement>> handler) {
        prepare(sql).onComplete(handler);
        return this;
    }

    @Override
    public Future<PreparedStatement> prepare(String sql) {
        return track(() -> delegate.prepare(sql));
    }

    @Override
    public SqlConnection prepare(String sql, PrepareOptions options,
            Handler<AsyncResult<PreparedStatement>> handler) {
        prepare(sql, options).onComplete(handler);
        return this;
    }

    @Override
    public Future<PreparedStatement> prepare(String sql, PrepareOptions options) {
        return track(() -> delegate.prepare(sql, options));
    }

    @Override
    public SqlConnection exceptionHandler(Handler<Throwable> handler) {
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public SqlConnection closeHandler(Handler<Void> handler) {
        delegate.closeHandler(handler);
        return this;
    }

    @Override
    public void begin(Handler<AsyncResult<Transaction>> handler) {
        begin().onComplete(handler);
    }

    @Override
    public Future<Transaction> begin() {
        return track(delegate::begin);
    }

    @Override
    public Transaction transaction() {
        return delegate.transaction();
    }

    @Override
    public boolean isSSL() {
        return delegate.isSSL();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        delegate.close(handler);
    }

    @Override
    public Future<Void> close() {
        return delegate.close();
    }

    @Override
    public DatabaseMetadata databaseMetadata() {
        return delegate.databaseMetadata();
    }

    private class CountedQuery<T> implements Query<T> {

        private final Query<T> query;

        CountedQuery(Query<T> query) {
            this.query = query;
        }

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute() {
            return track(query::execute);
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new CountedQuery<>(query.collecting(collector));
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new CountedQuery<>(query.mapping(mapper));
        }
    }

    private final class CountedPreparedQuery<T> extends CountedQuery<T> implements PreparedQuery<T> {

        private final PreparedQuery<T> query;

        CountedPreparedQuery(PreparedQuery<T> query) {
            super(query);
            this.query = query;
        }

        @Override
        public void execute(Tuple arguments, Handler<AsyncResult<T>> handler) {
            execute(arguments).onComplete(handler);
        }

        @Override
        public Future<T> execute(Tuple arguments) {
            return track(() -> query.execute(arguments));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return track(() -> query.executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new CountedPreparedQuery<>(query.collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new CountedPreparedQuery<>(query.mapping(mapper));
        }
    }
}

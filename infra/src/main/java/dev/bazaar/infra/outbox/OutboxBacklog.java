package dev.bazaar.infra.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.metrics.MetricsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's backlog as gauges, refreshed every {@link MetricsConfig#outboxInterval()}: how many rows wait longer
 * than {@link MetricsConfig#outboxSettleTime()} (rows the committing code did not publish, which wait for the relay:
 * broker down, publish failed), and the age of the oldest row, whatever its age (on a healthy service about the delete
 * interval of {@link ConfirmedRows}, which deletes published rows in bulk). Both are computed by PostgreSQL on its own
 * clock; the oldest row is the first of the primary key ({@code seq}), an index lookup. The query goes straight to
 * the pool, so it is not counted as a round trip of the message path. If it fails, the gauges read NaN until it works
 * again: a stale value would claim a backlog that may be gone.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final String QUERY = "select (select count(*) from outbox_message "
            + "where created_at < clock_timestamp() - $1 * interval '1 ms') as backlog, "
            + "(select extract(epoch from clock_timestamp() - created_at)::float8 from outbox_message "
            + "order by seq limit 1) as oldest";

    private final Pool pool;
    private final MetricsConfig config;
    private volatile double backlog = Double.NaN;
    private volatile double oldestAge = Double.NaN;

    OutboxBacklog(Pool pool, MetricsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        Gauge.builder("bazaar.outbox.backlog", this, gauges -> gauges.backlog)
                .description("Outbox rows older than bazaar.metrics.outbox-settle-time: committed, not yet published")
                .baseUnit("messages")
                .register(registry);
        Gauge.builder("bazaar.outbox.oldest.age", this, gauges -> gauges.oldestAge)
                .description("Age of the oldest outbox row (0 when the outbox is empty)")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * What the outbox holds now: rows waiting longer than the settle time, and the oldest row's age in seconds (0
     * when empty). Queried when asked (the operator's status page), not read from the gauges.
     */
    public record Reading(long backlog, double oldestAgeSeconds) {
    }

    public Uni<Reading> read() {
        return pool.preparedQuery(QUERY).execute(Tuple.of(config.outboxSettleTime().toMillis())).map(rows -> {
            Row row = rows.iterator().next();
            Double oldest = row.getDouble("oldest");
            return new Reading(row.getLong("backlog"), oldest == null ? 0 : oldest);
        });
    }

    @Scheduled(identity = "outbox-backlog-metrics", every = "${bazaar.metrics.outbox-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return read()
                .invoke(reading -> {
                    backlog = reading.backlog();
                    oldestAge = reading.oldestAgeSeconds();
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Outbox backlog query failed: %s", failure.toString());
                    backlog = Double.NaN;
                    oldestAge = Double.NaN;
                    return null;
                });
    }
}

package dev.bazaar.ordering.infrastructure;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.ordering.domain.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Orders whose saga is under way, per state, and how long the one that has waited longest in its state has been
 * waiting (since its last change; for PENDING that is since it was placed), refreshed every
 * {@code bazaar.metrics.orders-interval}. The states that wait for a reply are exactly those of the partial index the
 * deadline sweeper reads ({@code orders_due_idx}), so the query scans only that index, however many finished orders
 * the table holds; PostgreSQL computes the ages on its own clock. It goes straight to the pool, not through the
 * message path's counted connections. If it fails, the gauges read NaN until it works again.
 */
@ApplicationScoped
class OrdersInProgress {

    private static final String QUERY = "select status, count(*) as orders, "
            + "extract(epoch from clock_timestamp() - min(updated_at))::float8 as oldest from orders "
            + "where status in ('PENDING', 'STOCK_RESERVED', 'CANCELLING') group by status";

    private final Pool pool;
    private final Map<OrderStatus, double[]> byStatus = new EnumMap<>(OrderStatus.class);

    OrdersInProgress(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        for (OrderStatus status : OrderStatus.AWAITING_REPLY) {
            double[] values = {Double.NaN, Double.NaN};
            byStatus.put(status, values);
            String label = status.name().toLowerCase(Locale.ROOT);
            Gauge.builder("bazaar.orders.in.progress", values, held -> held[0])
                    .description("Orders whose saga waits for a reply, by state")
                    .tag("status", label)
                    .register(registry);
            Gauge.builder("bazaar.orders.in.progress.oldest.age", values, held -> held[1])
                    .description("How long the order that has waited longest in this state has waited since its "
                            + "last change (0 when none waits)")
                    .baseUnit("seconds")
                    .tag("status", label)
                    .register(registry);
        }
    }

    @Scheduled(identity = "orders-in-progress-metrics", every = "${bazaar.metrics.orders-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.preparedQuery(QUERY).execute()
                .invoke(rows -> {
                    Map<OrderStatus, double[]> found = new EnumMap<>(OrderStatus.class);
                    for (Row row : rows) {
                        found.put(OrderStatus.valueOf(row.getString("status")),
                                new double[] {row.getLong("orders"), row.getDouble("oldest")});
                    }
                    byStatus.forEach((status, values) -> {
                        double[] now = found.getOrDefault(status, new double[] {0, 0});
                        values[0] = now[0];
                        values[1] = now[1];
                    });
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Orders in progress query failed: %s", failure.toString());
                    byStatus.values().forEach(values -> {
                        values[0] = Double.NaN;
                        values[1] = Double.NaN;
                    });
                    return null;
                });
    }
}

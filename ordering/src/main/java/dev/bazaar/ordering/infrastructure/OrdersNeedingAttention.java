package dev.bazaar.ordering.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.ordering.saga.SagaConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The operator console's questions about orders that need a look: sagas still waiting long after they started or
 * past their deadline, and why orders were rejected lately. Plain queries on the pool, off the message path; the
 * waiting orders come from the partial index of waiting orders ({@code orders_due_idx}), the rejections from the
 * index on {@code created_at} (an order is rejected within its step deadlines of being placed).
 */
@ApplicationScoped
public class OrdersNeedingAttention {

    private static final String WAITING = "select id, customer_id, status, created_at, updated_at, deadline_at, "
            + "deadline_at < clock_timestamp() as overdue, "
            + "extract(epoch from clock_timestamp() - created_at)::float8 as age from orders "
            + "where status in ('PENDING', 'STOCK_RESERVED', 'CANCELLING') "
            + "and (created_at < clock_timestamp() - $1 * interval '1 ms' or deadline_at < clock_timestamp()) "
            + "order by created_at limit $2";
    private static final String REJECTIONS = "select rejection_reason, count(*) as orders from orders "
            + "where status = 'REJECTED' and updated_at >= clock_timestamp() - $1 * interval '1 ms' "
            + "and created_at >= clock_timestamp() - $2 * interval '1 ms' "
            + "group by rejection_reason order by orders desc, rejection_reason";

    private final Pool pool;
    private final SagaConfig saga;

    OrdersNeedingAttention(Pool pool, SagaConfig saga) {
        this.pool = pool;
        this.saga = saga;
    }

    /** An order whose saga has not finished. */
    public record WaitingOrder(UUID id, UUID customerId, String status, Instant createdAt, Instant updatedAt,
            Instant deadline, boolean overdue, double ageSeconds) {
    }

    /** How many orders were rejected for one reason. */
    public record RejectionCount(String reason, long orders) {
    }

    /** Orders waiting for a reply that were placed more than {@code olderThan} ago or are past their deadline. */
    public Uni<List<WaitingOrder>> waiting(Duration olderThan, int limit) {
        return pool.preparedQuery(WAITING).execute(Tuple.of(olderThan.toMillis(), (long) limit)).map(rows -> {
            List<WaitingOrder> orders = new ArrayList<>();
            for (Row row : rows) {
                orders.add(new WaitingOrder(row.getUUID("id"), row.getUUID("customer_id"), row.getString("status"),
                        instant(row, "created_at"), instant(row, "updated_at"), instant(row, "deadline_at"),
                        Boolean.TRUE.equals(row.getBoolean("overdue")), row.getDouble("age")));
            }
            return orders;
        });
    }

    /** Orders rejected within {@code window}, counted by their rejection reason, most frequent first. */
    public Uni<List<RejectionCount>> rejections(Duration window) {
        // an order is rejected at most both step deadlines after it was placed, unless the sweeper fell far behind
        Duration placedWithin = window.plus(saga.stockDeadline()).plus(saga.creditDeadline()).plus(
                Duration.ofMinutes(5));
        return pool.preparedQuery(REJECTIONS).execute(Tuple.of(window.toMillis(), placedWithin.toMillis()))
                .map(rows -> {
                    List<RejectionCount> counts = new ArrayList<>();
                    for (Row row : rows) {
                        counts.add(new RejectionCount(row.getString("rejection_reason"), row.getLong("orders")));
                    }
                    return counts;
                });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

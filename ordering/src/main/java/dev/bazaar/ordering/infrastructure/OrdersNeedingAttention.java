package dev.bazaar.ordering.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The operator console's questions about orders that need a look: sagas still waiting long after they started or
 * past their deadline, and why orders were rejected lately. Plain queries on the pool, off the message path; the
 * waiting orders come from the partial index of waiting orders ({@code orders_due_idx}), the rejections from the
 * partial index of rejected orders by {@code updated_at} ({@code orders_rejected_idx}): REJECTED is final, so an
 * order's {@code updated_at} is when it was rejected, however long after it was placed.
 */
@ApplicationScoped
public class OrdersNeedingAttention {

    private static final String WAITING = "select id, customer_id, status, created_at, updated_at, deadline_at, "
            + "deadline_at < clock_timestamp() as overdue, "
            + "extract(epoch from clock_timestamp() - created_at)::float8 as age from orders "
            + "where status in ('PENDING', 'STOCK_RESERVED', 'CANCELLING') "
            + "and (created_at < clock_timestamp() - $1 * interval '1 ms' or deadline_at < clock_timestamp()) "
            + "order by created_at limit $2";
    /**
     * A reason's kind: the text before its first ':' with any UUID taken out, so that reasons that differ only in
     * amounts, SKUs or ids count together ("insufficient credit: need 30.00, available 1.00", "out of stock: SKU-12
     * (wanted 3, have 1)", "unknown customer 7c0e…", "order 7c0e… was released before its stock was reserved"); the
     * saga's own reasons (the two deadlines) and the participants' fallbacks have neither and are their own kind.
     */
    private static final String KIND = "coalesce(nullif(btrim(regexp_replace(split_part(rejection_reason, ':', 1), "
            + "'\\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '', 'gi')), ''), "
            + "rejection_reason)";
    // now(), not clock_timestamp(): a stable bound is what lets the planner use the index
    private static final String REJECTIONS = "select kind, count(*) as orders, "
            + "(array_agg(rejection_reason order by updated_at desc))[1] as example, max(updated_at) as latest "
            + "from (select " + KIND + " as kind, rejection_reason, updated_at from orders "
            + "where status = 'REJECTED' and updated_at >= now() - $1 * interval '1 ms') as rejected "
            + "group by kind order by orders desc, kind";

    private final Pool pool;

    OrdersNeedingAttention(Pool pool) {
        this.pool = pool;
    }

    /** An order whose saga has not finished. */
    public record WaitingOrder(UUID id, UUID customerId, String status, Instant createdAt, Instant updatedAt,
            Instant deadline, boolean overdue, double ageSeconds) {
    }

    /** How many orders were rejected for one kind of reason, with the latest such reason in full and its time. */
    public record RejectionCount(String kind, long orders, String example, Instant latest) {
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

    /** Orders rejected within the last {@code window}, counted by the kind of their reason, most frequent first. */
    public Uni<List<RejectionCount>> rejections(Duration window) {
        return pool.preparedQuery(REJECTIONS).execute(Tuple.of(window.toMillis())).map(rows -> {
            List<RejectionCount> counts = new ArrayList<>();
            for (Row row : rows) {
                counts.add(new RejectionCount(row.getString("kind"), row.getLong("orders"), row.getString("example"),
                        instant(row, "latest")));
            }
            return counts;
        });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

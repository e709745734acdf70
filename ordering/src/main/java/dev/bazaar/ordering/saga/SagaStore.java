package dev.bazaar.ordering.saga;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.domain.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plain SQL for the saga's message handlers, many orders per statement, on the transaction of a message batch: lock
 * the orders a batch touches with one statement (in id order), and write what the saga decided with one statement
 * per table, sent back to back (pipelined). The same tables as the Panache entities, which HTTP reads keep using.
 */
@ApplicationScoped
public class SagaStore {

    private static final String COLUMNS = "id, customer_id, cart_id, status, total, rejection_reason, deadline_at, "
            + "stock_released, credit_released";
    private static final String LOCK_ORDERS = "select " + COLUMNS + ", created_at, updated_at from orders "
            + "where id = any($1) order by id for update";
    private static final String LOCK_ORDER_ROWS = "select id from orders where id = any($1) order by id for update";
    private static final String EXISTING = "select id from orders where id = any($1)";
    private static final String LINES = "select order_id, line_no, product_id, sku, quantity, unit_price "
            + "from order_line where order_id = any($1) order by order_id, line_no";
    private static final String INSERT_ORDERS = "insert into orders (" + COLUMNS + ", traceparent, created_at, "
            + "updated_at) select o.*, $11::timestamptz, $11::timestamptz from unnest($1::uuid[], $2::uuid[], "
            + "$3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::timestamptz[], $8::boolean[], $9::boolean[], "
            + "$10::text[]) as o";
    private static final String INSERT_LINES = "insert into order_line "
            + "(order_id, line_no, product_id, sku, quantity, unit_price) select * from unnest($1::uuid[], $2::int[], "
            + "$3::uuid[], $4::text[], $5::int[], $6::numeric[])";
    private static final String UPDATE_ORDERS = "update orders o set status = u.status, total = u.total, "
            + "rejection_reason = u.reason, deadline_at = u.deadline, stock_released = u.stock_released, "
            + "credit_released = u.credit_released, updated_at = $8, version = o.version + 1 "
            + "from unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[], $5::timestamptz[], $6::boolean[], "
            + "$7::boolean[]) as u(id, status, total, reason, deadline, stock_released, credit_released) "
            + "where o.id = u.id";
    private static final String REPRICE_LINES = "update order_line l set sku = u.sku, unit_price = u.unit_price "
            + "from unnest($1::uuid[], $2::int[], $3::text[], $4::numeric[]) as u(order_id, line_no, sku, unit_price) "
            + "where l.order_id = u.order_id and l.line_no = u.line_no";
    private static final String INSERT_STEPS = "insert into saga_step (order_id, at, step, message_id, detail) "
            + "select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::uuid[], $5::text[])";

    /** Loads and row-locks the orders (in id order) with their lines and times; those that exist, by id. */
    public Uni<Map<UUID, OrderRecord>> lockOrders(SqlConnection transaction, Collection<UUID> ids) {
        Tuple wanted = Tuple.of(new java.util.TreeSet<>(ids).toArray(UUID[]::new));
        return Uni.combine().all().unis(transaction.preparedQuery(LOCK_ORDERS).execute(wanted),
                        transaction.preparedQuery(LINES).execute(wanted))
                .asTuple()
                .map(loaded -> orders(loaded.getItem1(), loaded.getItem2()));
    }

    /** Row-locks the orders in id order, nothing more: for a batch lock taken before the handlers load them. */
    public Uni<Void> lockOrderRows(SqlConnection transaction, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(LOCK_ORDER_ROWS).execute(Tuple.of(ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** Which of these orders exist. */
    public Uni<Set<UUID>> existing(SqlConnection transaction, Collection<UUID> ids) {
        return transaction.preparedQuery(EXISTING).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Set<UUID> found = new HashSet<>();
            rows.forEach(row -> found.add(row.getUUID(0)));
            return found;
        });
    }

    /**
     * Writes the batch's outcome: new orders with their lines, the final state of changed orders, lines priced by
     * the stock reservation, and the saga steps in the order given (their identity numbers them).
     *
     * @param loaded the orders as locked at the start of the batch (absent: created by the batch)
     * @param current every order the batch decided on, in its final state
     * @param traces the W3C trace context each created order was placed in (absent or null: none)
     */
    public Uni<Void> write(SqlConnection transaction, Map<UUID, Order> loaded, Map<UUID, Order> current,
            Map<UUID, String> traces, List<OrderStep> steps, Instant now) {
        List<Order> created = new ArrayList<>();
        List<Order> changed = new ArrayList<>();
        List<Order> repriced = new ArrayList<>();
        for (Order order : current.values()) {
            Order before = loaded.get(order.id());
            if (before == null) {
                created.add(order);
            } else if (!before.equals(order)) {
                changed.add(order);
                if (!before.lines().equals(order.lines())) {
                    repriced.add(order);
                }
            }
        }
        List<Uni<Void>> writes = new ArrayList<>();
        OffsetDateTime at = utc(now);
        if (!created.isEmpty()) {
            writes.add(execute(transaction, INSERT_ORDERS, orderColumns(created, true)
                    .addArrayOfString(created.stream().map(order -> traces.get(order.id())).toArray(String[]::new))
                    .addValue(at)));
            writes.add(execute(transaction, INSERT_LINES, lineColumns(created, true)));
        }
        if (!changed.isEmpty()) {
            writes.add(execute(transaction, UPDATE_ORDERS, orderColumns(changed, false).addValue(at)));
        }
        if (!repriced.isEmpty()) {
            writes.add(execute(transaction, REPRICE_LINES, lineColumns(repriced, false)));
        }
        if (!steps.isEmpty()) {
            writes.add(execute(transaction, INSERT_STEPS, Tuple.tuple()
                    .addArrayOfUUID(steps.stream().map(OrderStep::orderId).toArray(UUID[]::new))
                    .addArrayOfOffsetDateTime(steps.stream().map(s -> utc(s.step().at()))
                            .toArray(OffsetDateTime[]::new))
                    .addArrayOfString(steps.stream().map(s -> s.step().step()).toArray(String[]::new))
                    .addArrayOfUUID(steps.stream().map(s -> s.step().messageId()).toArray(UUID[]::new))
                    .addArrayOfString(steps.stream().map(s -> s.step().detail()).toArray(String[]::new))));
        }
        // one connection runs its statements in the order they were sent: orders before the rows that reference them
        return writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private static Uni<Void> execute(SqlConnection transaction, String sql, Tuple arguments) {
        return transaction.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }

    /** A saga step of one order, for the batch's single insert. */
    public record OrderStep(UUID orderId, SagaStep step) {
    }

    private static Tuple orderColumns(List<Order> orders, boolean withOwner) {
        Tuple tuple = Tuple.tuple().addArrayOfUUID(orders.stream().map(Order::id).toArray(UUID[]::new));
        if (withOwner) {
            tuple.addArrayOfUUID(orders.stream().map(Order::customerId).toArray(UUID[]::new))
                    .addArrayOfUUID(orders.stream().map(Order::cartId).toArray(UUID[]::new));
        }
        return tuple.addArrayOfString(orders.stream().map(order -> order.status().name()).toArray(String[]::new))
                .addArrayOfBigDecimal(orders.stream().map(Order::total).toArray(BigDecimal[]::new))
                .addArrayOfString(orders.stream().map(Order::rejectionReason).toArray(String[]::new))
                .addArrayOfOffsetDateTime(orders.stream().map(order -> order.deadline() == null ? null
                        : utc(order.deadline())).toArray(OffsetDateTime[]::new))
                .addArrayOfBoolean(orders.stream().map(Order::stockReleased).toArray(Boolean[]::new))
                .addArrayOfBoolean(orders.stream().map(Order::creditReleased).toArray(Boolean[]::new));
    }

    private static Tuple lineColumns(List<Order> orders, boolean insert) {
        List<UUID> orderIds = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<UUID> products = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (Order order : orders) {
            for (int i = 0; i < order.lines().size(); i++) {
                OrderLine line = order.lines().get(i);
                orderIds.add(order.id());
                numbers.add(i);
                products.add(line.productId());
                skus.add(line.sku());
                quantities.add(line.quantity());
                prices.add(line.unitPrice());
            }
        }
        Tuple tuple = Tuple.tuple().addArrayOfUUID(orderIds.toArray(UUID[]::new))
                .addArrayOfInteger(numbers.toArray(Integer[]::new));
        if (insert) {
            return tuple.addArrayOfUUID(products.toArray(UUID[]::new)).addArrayOfString(skus.toArray(String[]::new))
                    .addArrayOfInteger(quantities.toArray(Integer[]::new))
                    .addArrayOfBigDecimal(prices.toArray(BigDecimal[]::new));
        }
        return tuple.addArrayOfString(skus.toArray(String[]::new))
                .addArrayOfBigDecimal(prices.toArray(BigDecimal[]::new));
    }

    private static Map<UUID, OrderRecord> orders(RowSet<Row> orderRows, RowSet<Row> lineRows) {
        Map<UUID, List<OrderLine>> lines = new HashMap<>();
        for (Row row : lineRows) {
            lines.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>()).add(new OrderLine(
                    row.getUUID("product_id"), row.getString("sku"), row.getInteger("quantity"),
                    row.getBigDecimal("unit_price")));
        }
        Map<UUID, OrderRecord> orders = new HashMap<>();
        for (Row row : orderRows) {
            UUID id = row.getUUID("id");
            OffsetDateTime deadline = row.getOffsetDateTime("deadline_at");
            Order order = new Order(id, row.getUUID("customer_id"), row.getUUID("cart_id"),
                    OrderStatus.valueOf(row.getString("status")), lines.getOrDefault(id, List.of()),
                    row.getBigDecimal("total"), row.getString("rejection_reason"),
                    deadline == null ? null : deadline.toInstant(), row.getBoolean("stock_released"),
                    row.getBoolean("credit_released"));
            orders.put(id, new OrderRecord(order, row.getOffsetDateTime("created_at").toInstant(),
                    row.getOffsetDateTime("updated_at").toInstant()));
        }
        return orders;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

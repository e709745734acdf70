package dev.bazaar.catalog.infrastructure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ReservationLine;
import dev.bazaar.catalog.domain.ReservationStatus;
import dev.bazaar.catalog.domain.StockReservation;
import dev.bazaar.catalog.domain.StockShortage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plain SQL for the stock commands of the saga, many orders per statement, on the transaction of a message batch.
 * The same tables as the Panache entities; statements are prepared once per connection (cached) and the writes of
 * one batch are sent back to back (pipelined).
 */
@ApplicationScoped
public class StockStore {

    private static final String RESERVATIONS = "select order_id, status from stock_reservation "
            + "where order_id = any($1) order by order_id";
    private static final String LINES = "select order_id, product_id, sku, quantity, unit_price "
            + "from stock_reservation_line where order_id = any($1)";
    private static final String SHORTAGES = "select order_id, product_id, sku, wanted, available "
            + "from stock_shortage where order_id = any($1)";
    private static final String LOCK_PRODUCTS = "select id, sku, name, price, on_hand, reserved, sold, stock_added "
            + "from product where id = any($1) order by id for update";
    private static final String LOCK_BATCH_PRODUCTS = "select id from product where id in (select unnest($1::uuid[]) "
            + "union select product_id from stock_reservation_line where order_id = any($2)) order by id for update";
    private static final String INSERT_RESERVATIONS = "insert into stock_reservation (order_id, status, total, reason) "
            + "select * from unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[])";
    private static final String INSERT_LINES = "insert into stock_reservation_line "
            + "(order_id, product_id, sku, quantity, unit_price) "
            + "select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::numeric[])";
    private static final String INSERT_SHORTAGES = "insert into stock_shortage "
            + "(order_id, product_id, sku, wanted, available) "
            + "select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[])";
    private static final String UPDATE_STATUSES = "update stock_reservation r set status = u.status, "
            + "version = r.version + 1, updated_at = now() "
            + "from unnest($1::uuid[], $2::text[]) as u(order_id, status) where r.order_id = u.order_id";
    private static final String UPDATE_PRODUCTS = "update product p set on_hand = u.on_hand, reserved = u.reserved, "
            + "sold = u.sold, version = p.version + 1 "
            + "from unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) as u(id, on_hand, reserved, sold) "
            + "where p.id = u.id";

    /**
     * The recorded reservations of these orders, with their lines and shortages; {@code forUpdate} row-locks them
     * (in order id order), so release and commit of one order run one after the other.
     */
    public Uni<Map<UUID, StockReservation>> reservations(SqlConnection transaction, Collection<UUID> orderIds,
            boolean forUpdate) {
        UUID[] ids = orderIds.toArray(UUID[]::new);
        return transaction.preparedQuery(forUpdate ? RESERVATIONS + " for update" : RESERVATIONS)
                .execute(Tuple.of(ids))
                .chain(rows -> {
                    Map<UUID, ReservationStatus> statuses = new LinkedHashMap<>();
                    for (Row row : rows) {
                        statuses.put(row.getUUID("order_id"), ReservationStatus.valueOf(row.getString("status")));
                    }
                    if (statuses.isEmpty()) {
                        return Uni.createFrom().item(Map.<UUID, StockReservation>of());
                    }
                    Tuple found = Tuple.of(statuses.keySet().toArray(UUID[]::new));
                    return Uni.combine().all().unis(
                                    transaction.preparedQuery(LINES).execute(found),
                                    transaction.preparedQuery(SHORTAGES).execute(found))
                            .asTuple()
                            .map(loaded -> restore(statuses, loaded.getItem1(), loaded.getItem2()));
                });
    }

    /**
     * Locks what a batch of several command types touches, in one round trip, in the order every handler locks in:
     * the recorded reservations of {@code reservationOrders} (release and commit), then, in one statement, every
     * product that {@code products} (reserve) names or those reservations hold.
     */
    public Uni<Void> lockForBatch(SqlConnection transaction, Collection<UUID> reservationOrders,
            Collection<UUID> products) {
        UUID[] orders = new java.util.TreeSet<>(reservationOrders).toArray(UUID[]::new);
        List<Uni<Void>> locks = new ArrayList<>(2);
        if (orders.length > 0) {
            locks.add(execute(transaction, RESERVATIONS + " for update", Tuple.of(orders)));
        }
        locks.add(execute(transaction, LOCK_BATCH_PRODUCTS, Tuple.tuple()
                .addArrayOfUUID(products.toArray(UUID[]::new)).addArrayOfUUID(orders)));
        return Uni.join().all(locks).andFailFast().replaceWithVoid();
    }

    /** Row-locks the products in id order, so two batches never wait on each other in a cycle; those that exist. */
    public Uni<Map<UUID, Product>> lockProducts(SqlConnection transaction, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return transaction.preparedQuery(LOCK_PRODUCTS)
                .execute(Tuple.of(productIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Product> products = new HashMap<>();
                    for (Row row : rows) {
                        products.put(row.getUUID("id"), Product.restore(row.getUUID("id"), row.getString("sku"),
                                row.getString("name"), row.getBigDecimal("price"), row.getInteger("on_hand"),
                                row.getInteger("reserved"), row.getInteger("sold"), row.getLong("stock_added")));
                    }
                    return products;
                });
    }

    /** Inserts new reservations with their lines and shortages (three statements at most, pipelined). */
    public Uni<Void> insert(SqlConnection transaction, List<StockReservation> reservations) {
        if (reservations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> writes = new ArrayList<>();
        writes.add(execute(transaction, INSERT_RESERVATIONS, Tuple.tuple()
                .addArrayOfUUID(reservations.stream().map(StockReservation::orderId).toArray(UUID[]::new))
                .addArrayOfString(reservations.stream().map(r -> r.status().name()).toArray(String[]::new))
                .addArrayOfBigDecimal(reservations.stream().map(StockReservation::total).toArray(BigDecimal[]::new))
                .addArrayOfString(reservations.stream().map(StockReservation::rejectionReason)
                        .toArray(String[]::new))));
        List<Map.Entry<UUID, ReservationLine>> lines = reservations.stream()
                .flatMap(r -> r.lines().stream().map(line -> Map.entry(r.orderId(), line))).toList();
        if (!lines.isEmpty()) {
            writes.add(execute(transaction, INSERT_LINES, Tuple.tuple()
                    .addArrayOfUUID(lines.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                    .addArrayOfUUID(lines.stream().map(e -> e.getValue().productId()).toArray(UUID[]::new))
                    .addArrayOfString(lines.stream().map(e -> e.getValue().sku()).toArray(String[]::new))
                    .addArrayOfInteger(lines.stream().map(e -> e.getValue().quantity()).toArray(Integer[]::new))
                    .addArrayOfBigDecimal(lines.stream().map(e -> e.getValue().unitPrice())
                            .toArray(BigDecimal[]::new))));
        }
        List<Map.Entry<UUID, StockShortage>> shortages = reservations.stream()
                .flatMap(r -> r.shortages().stream().map(shortage -> Map.entry(r.orderId(), shortage))).toList();
        if (!shortages.isEmpty()) {
            writes.add(execute(transaction, INSERT_SHORTAGES, Tuple.tuple()
                    .addArrayOfUUID(shortages.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                    .addArrayOfUUID(shortages.stream().map(e -> e.getValue().productId()).toArray(UUID[]::new))
                    .addArrayOfString(shortages.stream().map(e -> e.getValue().sku()).toArray(String[]::new))
                    .addArrayOfInteger(shortages.stream().map(e -> e.getValue().wanted()).toArray(Integer[]::new))
                    .addArrayOfInteger(shortages.stream().map(e -> e.getValue().available())
                            .toArray(Integer[]::new))));
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /** Writes the reservations' new statuses, one statement. */
    public Uni<Void> updateStatuses(SqlConnection transaction, Collection<StockReservation> reservations) {
        if (reservations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(UPDATE_STATUSES)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(reservations.stream().map(StockReservation::orderId).toArray(UUID[]::new))
                        .addArrayOfString(reservations.stream().map(r -> r.status().name()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Writes the products' stock counters, one statement. */
    public Uni<Void> updateProducts(SqlConnection transaction, Collection<Product> products) {
        if (products.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(UPDATE_PRODUCTS)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(products.stream().map(Product::id).toArray(UUID[]::new))
                        .addArrayOfInteger(products.stream().map(Product::onHand).toArray(Integer[]::new))
                        .addArrayOfInteger(products.stream().map(Product::reserved).toArray(Integer[]::new))
                        .addArrayOfInteger(products.stream().map(Product::sold).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    private static Uni<Void> execute(SqlConnection transaction, String sql, Tuple arguments) {
        return transaction.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }

    private static Map<UUID, StockReservation> restore(Map<UUID, ReservationStatus> statuses, Iterable<Row> lineRows,
            Iterable<Row> shortageRows) {
        Map<UUID, List<ReservationLine>> lines = new HashMap<>();
        for (Row row : lineRows) {
            lines.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>()).add(new ReservationLine(
                    row.getUUID("product_id"), row.getString("sku"), row.getInteger("quantity"),
                    row.getBigDecimal("unit_price")));
        }
        Map<UUID, List<StockShortage>> shortages = new HashMap<>();
        for (Row row : shortageRows) {
            shortages.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>()).add(new StockShortage(
                    row.getUUID("product_id"), row.getString("sku"), row.getInteger("wanted"),
                    row.getInteger("available")));
        }
        Map<UUID, StockReservation> reservations = new LinkedHashMap<>();
        statuses.forEach((orderId, status) -> reservations.put(orderId, StockReservation.restore(orderId, status,
                lines.getOrDefault(orderId, List.of()), shortages.getOrDefault(orderId, List.of()))));
        return reservations;
    }
}

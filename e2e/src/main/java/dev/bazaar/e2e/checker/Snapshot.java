package dev.bazaar.e2e.checker;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The rows the invariants are about, read from the four databases (each in one read-only transaction). */
record Snapshot(Map<UUID, Order> orders, Map<UUID, Reservation> reservations, Map<UUID, Product> products,
        Map<UUID, Hold> holds, Map<UUID, Account> accounts, List<Cart> carts, Map<String, Long> staleOutboxRows) {

    record Order(UUID id, UUID customerId, UUID cartId, String status, BigDecimal total, Map<UUID, Integer> lines) {
    }

    record Reservation(UUID orderId, String status, Map<UUID, Integer> lines) {
    }

    record Product(UUID id, String sku, long onHand, long reserved, long sold, long stockAdded) {
    }

    record Hold(UUID orderId, UUID customerId, BigDecimal amount, String status) {
    }

    record Account(UUID customerId, BigDecimal balance, BigDecimal held, BigDecimal captured, BigDecimal toppedUp,
            BigDecimal topUpSum) {
    }

    record Cart(UUID id, UUID customerId, String status, UUID orderId) {
    }

    static Snapshot read(Databases db, int staleOutboxSeconds) throws SQLException {
        Map<String, Long> stale = new HashMap<>();
        Map<UUID, Order> orders = new HashMap<>();
        try (Connection c = db.connect(db.ordering())) {
            Map<UUID, Map<UUID, Integer>> lines = lines(c, "select order_id, product_id, quantity from order_line");
            query(c, "select id, customer_id, cart_id, status, total from orders", rs -> orders.put(uuid(rs, 1),
                    new Order(uuid(rs, 1), uuid(rs, 2), uuid(rs, 3), rs.getString(4), rs.getBigDecimal(5),
                            lines.getOrDefault(uuid(rs, 1), Map.of()))));
            stale.put("ordering", stale(c, staleOutboxSeconds));
        }
        Map<UUID, Reservation> reservations = new HashMap<>();
        Map<UUID, Product> products = new HashMap<>();
        try (Connection c = db.connect(db.catalog())) {
            Map<UUID, Map<UUID, Integer>> lines = lines(c,
                    "select order_id, product_id, quantity from stock_reservation_line");
            query(c, "select order_id, status from stock_reservation", rs -> reservations.put(uuid(rs, 1),
                    new Reservation(uuid(rs, 1), rs.getString(2), lines.getOrDefault(uuid(rs, 1), Map.of()))));
            query(c, "select id, sku, on_hand, reserved, sold, stock_added from product", rs -> products.put(
                    uuid(rs, 1), new Product(uuid(rs, 1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6))));
            stale.put("catalog", stale(c, staleOutboxSeconds));
        }
        Map<UUID, Hold> holds = new HashMap<>();
        Map<UUID, Account> accounts = new HashMap<>();
        try (Connection c = db.connect(db.user())) {
            query(c, "select order_id, customer_id, amount, status from credit_hold", rs -> holds.put(uuid(rs, 1),
                    new Hold(uuid(rs, 1), uuid(rs, 2), rs.getBigDecimal(3), rs.getString(4))));
            query(c, "select a.customer_id, a.balance, a.held, a.captured, a.topped_up, "
                    + "(select coalesce(sum(t.amount), 0) from top_up t where t.customer_id = a.customer_id) "
                    + "from credit_account a", rs -> accounts.put(uuid(rs, 1), new Account(uuid(rs, 1),
                    rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                    rs.getBigDecimal(6))));
            stale.put("user", stale(c, staleOutboxSeconds));
        }
        List<Cart> carts = new ArrayList<>();
        try (Connection c = db.connect(db.cart())) {
            query(c, "select id, customer_id, status, order_id from cart", rs -> carts.add(
                    new Cart(uuid(rs, 1), uuid(rs, 2), rs.getString(3), uuid(rs, 4))));
            stale.put("cart", stale(c, staleOutboxSeconds));
        }
        return new Snapshot(orders, reservations, products, holds, accounts, carts, stale);
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    private static Map<UUID, Map<UUID, Integer>> lines(Connection connection, String sql) throws SQLException {
        Map<UUID, Map<UUID, Integer>> lines = new HashMap<>();
        query(connection, sql, rs -> lines.computeIfAbsent(uuid(rs, 1), id -> new HashMap<>())
                .merge(uuid(rs, 2), rs.getInt(3), Integer::sum));
        return lines;
    }

    private static long stale(Connection connection, int seconds) throws SQLException {
        long[] count = new long[1];
        query(connection, "select count(*) from outbox_message where created_at < now() - interval '" + seconds
                + " seconds'", rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}

package dev.bazaar.catalog.testsupport;

import java.util.List;
import java.util.UUID;

import dev.bazaar.infra.testing.TestDatabase;

/** Direct reads of catalog's tables over JDBC, independent of the code under test. */
public final class CatalogDatabase {

    private CatalogDatabase() {
    }

    /** Every product row with every column, in id order: compare two snapshots to prove nothing changed. */
    public static List<String> productSnapshot() {
        return TestDatabase.rows("select * from product order by id").stream().map(String::valueOf).toList();
    }

    public static long productCount() {
        return TestDatabase.count("select count(*) from product");
    }

    public static StockRow stock(UUID productId) {
        List<List<Object>> rows = TestDatabase.rows(
                "select on_hand, reserved, sold, stock_added from product where id = ?", productId);
        if (rows.isEmpty()) {
            return null;
        }
        List<Object> row = rows.get(0);
        return new StockRow((Integer) row.get(0), (Integer) row.get(1), (Integer) row.get(2), (Long) row.get(3));
    }

    /** @return the reservation status of the order, or null */
    public static String reservationStatus(UUID orderId) {
        return (String) TestDatabase.scalar("select status from stock_reservation where order_id = ?", orderId);
    }

    public static long reservationLines(UUID orderId) {
        return TestDatabase.count("select count(*) from stock_reservation_line where order_id = ?", orderId);
    }
}

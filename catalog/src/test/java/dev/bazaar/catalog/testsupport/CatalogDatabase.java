package dev.bazaar.catalog.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.bazaar.infra.testing.LocalServices;

/** Direct reads of catalog's tables over JDBC, independent of the code under test. */
public final class CatalogDatabase {

    private CatalogDatabase() {
    }

    /** Every product row with every column, in id order: compare two snapshots to prove nothing changed. */
    public static List<String> productSnapshot() {
        return rows("select * from product order by id", null).stream().map(String::valueOf).toList();
    }

    public static long productCount() {
        return (Long) single("select count(*) from product", null);
    }

    public static StockRow stock(UUID productId) {
        List<List<Object>> rows = rows("select on_hand, reserved, sold, stock_added from product where id = ?",
                productId);
        if (rows.isEmpty()) {
            return null;
        }
        List<Object> row = rows.get(0);
        return new StockRow((Integer) row.get(0), (Integer) row.get(1), (Integer) row.get(2), (Long) row.get(3));
    }

    /** @return the reservation status of the order, or null */
    public static String reservationStatus(UUID orderId) {
        return (String) single("select status from stock_reservation where order_id = ?", orderId);
    }

    public static long reservationLines(UUID orderId) {
        return (Long) single("select count(*) from stock_reservation_line where order_id = ?", orderId);
    }

    /** Whether catalog's inbox recorded the message (it was handled and committed). */
    public static boolean handled(UUID messageId) {
        return (Long) single("select count(*) from inbox_message where message_id = ?", messageId) > 0;
    }

    private static Object single(String sql, UUID parameter) {
        List<List<Object>> rows = rows(sql, parameter);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    private static List<List<Object>> rows(String sql, UUID parameter) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = LocalServices.connect(url);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                ResultSetMetaData meta = resultSet.getMetaData();
                List<List<Object>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.add(resultSet.getObject(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

package dev.bazaar.ordering.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.bazaar.infra.testing.LocalServices;

/** Direct reads (and a deadline shortcut) on ordering's tables over JDBC, independent of the code under test. */
public final class OrderingDatabase {

    private OrderingDatabase() {
    }

    public static long orders(UUID orderId) {
        return count("select count(*) from orders where id = ?", orderId);
    }

    public static long ordersOf(UUID customerId) {
        return count("select count(*) from orders where customer_id = ?", customerId);
    }

    public static String status(UUID orderId) {
        return string("select status from orders where id = ?", orderId);
    }

    public static List<String> steps(UUID orderId) {
        return strings("select step from saga_step where order_id = ? order by id", orderId);
    }

    public static long stepsNamed(UUID orderId, String step) {
        return steps(orderId).stream().filter(step::equals).count();
    }

    /** Moves the order's deadline into the past, as if its participant had been silent for the whole deadline. */
    public static void expireDeadline(UUID orderId) {
        update("update orders set deadline_at = now() - interval '1 second' where id = ? and deadline_at is not null",
                orderId);
    }

    private static long count(String sql, UUID parameter) {
        return Long.parseLong(string(sql, parameter));
    }

    private static String string(String sql, UUID parameter) {
        List<String> values = strings(sql, parameter);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> strings(String sql, UUID parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void update(String sql, UUID parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Connection connect() throws SQLException {
        return LocalServices.connect(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }
}

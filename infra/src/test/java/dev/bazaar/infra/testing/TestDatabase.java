package dev.bazaar.infra.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC on the database of the service under test (its {@code quarkus.datasource.jdbc.url}), independent of the
 * code under test: what each service's test helpers read their tables with. A {@code timestamptz} column comes back
 * as an {@link OffsetDateTime}.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return LocalServices.connect(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    /** Every row, each as its columns in select order. */
    public static List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    row.add(meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
                            || "timestamptz".equals(meta.getColumnTypeName(column))
                            ? result.getObject(column, OffsetDateTime.class)
                            : result.getObject(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public static Object scalar(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** A {@code select count(*) ...}. */
    public static long count(String sql, Object... parameters) {
        return ((Number) scalar(sql, parameters)).longValue();
    }

    /** The first column of every row, as text. */
    public static List<String> strings(String sql, Object... parameters) {
        return rows(sql, parameters).stream().map(row -> row.get(0) == null ? null : String.valueOf(row.get(0)))
                .toList();
    }

    /** @return the number of rows changed */
    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** How many inbox rows (one per consumer that handled and committed it) the message has. */
    public static long inboxRows(UUID messageId) {
        return count("select count(*) from inbox_message where message_id = ?", messageId);
    }

    /** Whether the service's inbox recorded the message: it was handled and committed. */
    public static boolean handled(UUID messageId) {
        return inboxRows(messageId) > 0;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}

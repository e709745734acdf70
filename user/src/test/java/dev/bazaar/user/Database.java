package dev.bazaar.user;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.bazaar.infra.testing.LocalServices;

/** Plain JDBC reads of the test database, for assertions on what was (or was not) stored. */
public final class Database {

    private Database() {
    }

    /** Row counts and money totals of the user tables: equal snapshots mean nothing was written. */
    public static Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (String table : List.of("customer", "credit_account", "credit_hold", "top_up")) {
            snapshot.put(table, scalar("select count(*) from " + table));
        }
        snapshot.put("money", scalar("select coalesce(sum(balance), 0) || '/' || coalesce(sum(held), 0) || '/' "
                + "|| coalesce(sum(captured), 0) || '/' || coalesce(sum(topped_up), 0) from credit_account"));
        return snapshot;
    }

    public static Object scalar(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public static BigDecimal decimal(String sql, Object... parameters) {
        return (BigDecimal) scalar(sql, parameters);
    }

    public static List<Map<String, Object>> rows(String sql, Object... parameters) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = LocalServices.connect(url);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
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

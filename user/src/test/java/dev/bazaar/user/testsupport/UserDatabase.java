package dev.bazaar.user.testsupport;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bazaar.infra.testing.TestDatabase;

/** Plain JDBC reads of the test database, for assertions on what was (or was not) stored. */
public final class UserDatabase {

    private UserDatabase() {
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
        return TestDatabase.scalar(sql, parameters);
    }

    public static BigDecimal decimal(String sql, Object... parameters) {
        return (BigDecimal) scalar(sql, parameters);
    }
}

package dev.bazaar.infra.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.bazaar.infra.testing.LocalServices;

/** Direct reads of the probe application's database, independent of the code under test. */
final class ProbeDatabase {

    private ProbeDatabase() {
    }

    static Connection connect() throws SQLException {
        return LocalServices.connect(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    static long effects(UUID productId) {
        return count("select count(*) from probe_effect where product_id = ?", productId);
    }

    static long outboxRows() {
        return count("select count(*) from outbox_message", null);
    }

    static long inboxRows(UUID messageId) {
        return count("select count(*) from inbox_message where message_id = ?", messageId);
    }

    static long count(String sql) {
        return count(sql, null);
    }

    private static long count(String sql, UUID parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

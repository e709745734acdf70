package dev.bazaar.e2e.checker;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the four services keep their data; the checker opens every connection read-only. */
public record Databases(String catalog, String user, String cart, String ordering, String username,
        String password) {

    /** Databases named bazaar_catalog, bazaar_user, ... on one server (how ./bazaar run lays them out). */
    public static Databases onServer(String host, int port, String prefix, String username, String password) {
        String base = "jdbc:postgresql://" + host + ":" + port + "/" + prefix;
        return new Databases(base + "catalog", base + "user", base + "cart", base + "ordering", username, password);
    }

    Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, username, password);
        connection.setReadOnly(true);
        return connection;
    }
}

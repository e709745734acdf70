package dev.bazaar.infra.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a test run a fresh PostgreSQL database and a fresh RabbitMQ virtual host on the local servers, and removes
 * both afterwards, so runs never see each other's rows or queued messages (also after a failed run). Servers default
 * to 127.0.0.1 (PostgreSQL user postgres, trust auth; RabbitMQ guest/guest); override with BAZAAR_TEST_PG_HOST,
 * BAZAAR_TEST_PG_PORT, BAZAAR_TEST_PG_USER, BAZAAR_TEST_PG_PASSWORD, BAZAAR_TEST_RABBITMQ_HOST, BAZAAR_TEST_RABBITMQ_PORT.
 * The vhost is created with {@code rabbitmqctl}, which runs next to the broker, together with a broker user of the run's
 * own with a random password: a packaged service (the prod profile, {@code @QuarkusIntegrationTest}) refuses to start
 * with RabbitMQ's {@code guest} password or without a database password. For the same reason the database password is
 * always set: BAZAAR_TEST_PG_PASSWORD, or a random one that a server with trust authentication does not check.
 * <p>
 * With {@code BAZAAR_DEV_SERVICES=true} (a machine with Docker and no local servers) this steps aside and supplies
 * nothing: infra's {@code %test.quarkus.devservices.enabled} follows the same variable, so Quarkus Dev Services start
 * PostgreSQL and RabbitMQ containers instead.
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    /** Whether Quarkus Dev Services (containers) replace the local servers for this run. */
    public static final boolean DEV_SERVICES = Boolean.parseBoolean(env("BAZAAR_DEV_SERVICES", "false"));

    private static final String PG_HOST = env("BAZAAR_TEST_PG_HOST", "127.0.0.1");
    private static final String PG_PORT = env("BAZAAR_TEST_PG_PORT", "5432");
    private static final String PG_USER = env("BAZAAR_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("BAZAAR_TEST_PG_PASSWORD", "");
    private static final String RABBIT_HOST = env("BAZAAR_TEST_RABBITMQ_HOST", "127.0.0.1");
    private static final String RABBIT_PORT = env("BAZAAR_TEST_RABBITMQ_PORT", "5672");

    private String database;
    private String vhost;
    private String brokerUser;

    @Override
    public Map<String, String> start() {
        if (DEV_SERVICES) {
            return Map.of();
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = "bazaar_test_" + suffix;
        vhost = "bazaar-test-" + suffix;
        sql("create database " + database);
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        brokerUser = "bazaar-test-" + suffix;
        String brokerPassword = UUID.randomUUID().toString();
        rabbitmqctl("add_user", brokerUser, brokerPassword);
        rabbitmqctl("set_permissions", "-p", vhost, brokerUser, ".*", ".*", ".*");

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", PG_USER);
        config.put("quarkus.datasource.password", PG_PASSWORD.isEmpty() ? UUID.randomUUID().toString() : PG_PASSWORD);
        config.put("rabbitmq-host", RABBIT_HOST);
        config.put("rabbitmq-port", RABBIT_PORT);
        config.put("rabbitmq-username", brokerUser);
        config.put("rabbitmq-password", brokerPassword);
        config.put("rabbitmq-virtual-host", vhost);
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            sql("drop database if exists " + database + " with (force)");
        }
        if (vhost != null) {
            rabbitmqctl("delete_vhost", vhost);
        }
        if (brokerUser != null) {
            rabbitmqctl("delete_user", brokerUser);
        }
    }

    /** A JDBC connection to a test database, for assertions on stored rows. */
    public static Connection connect(String jdbcUrl) throws SQLException {
        if (DEV_SERVICES) {
            // The Dev Services container's credentials, as Quarkus configured them for the application under test.
            var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            return DriverManager.getConnection(jdbcUrl,
                    config.getOptionalValue("quarkus.datasource.username", String.class).orElse("quarkus"),
                    config.getOptionalValue("quarkus.datasource.password", String.class).orElse("quarkus"));
        }
        return DriverManager.getConnection(jdbcUrl, PG_USER, PG_PASSWORD);
    }

    private static String jdbcUrl(String db) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + db;
    }

    private static void sql(String statement) {
        try (Connection connection = connect(jdbcUrl("postgres")); Statement st = connection.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_HOST + ":" + PG_PORT + " refused: " + statement, e);
        }
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is needed to create the test vhost", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged catalog in the prod profile refuses to start when its database or broker password is missing or a
 * well-known default, and says which. Everything else is in order: the database exists, the local PostgreSQL trusts
 * any password, and the local RabbitMQ does accept guest/guest, so without the refusal each of these would start.
 */
class InsecureCredentialsRefusedIT {

    private static final Backends BACKENDS = Backends.local();
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String DATABASE = "bazaar_credentials_" + SUFFIX;
    private static final String VHOST = "bazaar-credentials-" + SUFFIX;
    private static final String BROKER_PASSWORD = UUID.randomUUID().toString();
    private static final Path WORK = BazaarSystem.ROOT.resolve("e2e/target/credentials-run");
    private static Map<String, String> keys;

    private ServiceProcess catalog;

    @BeforeAll
    static void createDatabaseVhostAndUser() throws IOException, SQLException {
        Files.createDirectories(WORK);
        keys = BazaarSystem.writeKeys(WORK);
        BACKENDS.sql("postgres", "create database " + DATABASE);
        BACKENDS.rabbitmqctl("add_vhost", VHOST);
        BACKENDS.rabbitmqctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        BACKENDS.rabbitmqctl("add_user", VHOST, BROKER_PASSWORD);
        BACKENDS.rabbitmqctl("set_permissions", "-p", VHOST, VHOST, ".*", ".*", ".*");
    }

    @AfterAll
    static void dropThem() throws IOException, SQLException {
        BACKENDS.sql("postgres", "drop database if exists " + DATABASE + " with (force)");
        BACKENDS.rabbitmqctl("delete_vhost", VHOST);
        BACKENDS.rabbitmqctl("delete_user", VHOST);
    }

    @AfterEach
    void stop() {
        if (catalog != null) {
            catalog.kill();
        }
    }

    @Test
    void startsWithRealPasswords() throws IOException {
        catalog = catalog("real", environment());
        catalog.start();
        catalog.awaitReady(Duration.ofSeconds(120));
    }

    @Test
    void refusesToStartWithoutADatabasePassword() throws IOException {
        Map<String, String> env = environment();
        env.remove("BAZAAR_DB_PASSWORD");
        assertRefused("no-db-password", env, "BAZAAR_DB_PASSWORD");
    }

    @Test
    void refusesToStartWithoutABrokerPassword() throws IOException {
        Map<String, String> env = environment();
        env.remove("BAZAAR_RABBITMQ_PASSWORD");
        assertRefused("no-broker-password", env, "BAZAAR_RABBITMQ_PASSWORD");
    }

    @Test
    void refusesTheDefaultDatabasePassword() throws IOException {
        Map<String, String> env = environment();
        env.put("BAZAAR_DB_PASSWORD", "bazaar_catalog");
        assertRefused("default-db-password", env,
                "the database password is the well-known default 'bazaar_catalog' (set BAZAAR_DB_PASSWORD");
    }

    @Test
    void refusesTheGuestBrokerAccountThatTheLocalBrokerWouldAccept() throws IOException {
        Map<String, String> env = environment();
        env.put("BAZAAR_RABBITMQ_USER", "guest");
        env.put("BAZAAR_RABBITMQ_PASSWORD", "guest");
        assertRefused("guest-broker-password", env,
                "the broker password is the well-known default 'guest' (set BAZAAR_RABBITMQ_PASSWORD");
    }

    private void assertRefused(String name, Map<String, String> env, String message) throws IOException {
        catalog = catalog(name, env);
        catalog.start();
        OptionalInt exit = catalog.awaitExit(Duration.ofSeconds(90));
        String log = Files.readString(WORK.resolve(name + ".log"));
        assertThat(exit).as("catalog must exit by itself; its log:%n%s", log).isPresent();
        assertThat(exit.getAsInt()).isNotZero();
        assertThat(log).contains(message);
    }

    private ServiceProcess catalog(String name, Map<String, String> env) throws IOException {
        Files.deleteIfExists(WORK.resolve(name + ".log"));
        return new ServiceProcess("catalog-" + name, BazaarSystem.freePort(),
                BazaarSystem.ROOT.resolve("catalog/target/quarkus-app/quarkus-run.jar"), WORK.resolve(name + ".log"),
                env);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(keys);
        env.put("BAZAAR_DB_HOST", BACKENDS.pgHost());
        env.put("BAZAAR_DB_PORT", String.valueOf(BACKENDS.pgPort()));
        env.put("BAZAAR_DB_NAME", DATABASE);
        env.put("BAZAAR_DB_USER", "postgres");
        env.put("BAZAAR_DB_PASSWORD", UUID.randomUUID().toString());
        env.put("BAZAAR_RABBITMQ_HOST", BACKENDS.amqpHost());
        env.put("BAZAAR_RABBITMQ_PORT", String.valueOf(BACKENDS.amqpPort()));
        env.put("BAZAAR_RABBITMQ_VHOST", VHOST);
        env.put("BAZAAR_RABBITMQ_USER", VHOST);
        env.put("BAZAAR_RABBITMQ_PASSWORD", BROKER_PASSWORD);
        return env;
    }
}

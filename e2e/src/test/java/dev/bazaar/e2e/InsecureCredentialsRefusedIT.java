package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

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

    private static LoneCatalog lone;

    private ServiceProcess catalog;

    @BeforeAll
    static void createDatabaseVhostAndUser() throws IOException, SQLException {
        lone = new LoneCatalog("credentials");
        lone.grantBrokerUser(".*", ".*", ".*");
    }

    @AfterAll
    static void dropThem() throws IOException, SQLException {
        lone.close();
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
        String log = Files.readString(lone.log(name));
        assertThat(exit).as("catalog must exit by itself; its log:%n%s", log).isPresent();
        assertThat(exit.getAsInt()).isNotZero();
        assertThat(log).contains(message);
    }

    private static ServiceProcess catalog(String name, Map<String, String> env) throws IOException {
        return lone.process(name, env);
    }

    private static Map<String, String> environment() {
        return lone.environment();
    }
}

package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The packaged catalog under its production broker grants (those of {@code infra/rabbitmq/definitions.json}: it may
 * configure only its own resources and only read the exchange it listens to, which the broker definitions declare)
 * becomes ready, on a broker where its command queue still exists from before the per-service dead-letter exchanges
 * (declared with the shared DLX): it binds to what it may only read and uses the old queue as it is.
 */
class ProductionBrokerGrantsIT {

    private static final Backends BACKENDS = Backends.local();
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String DATABASE = "bazaar_grants_" + SUFFIX;
    private static final String VHOST = "bazaar-grants-" + SUFFIX;
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final Path WORK = BazaarSystem.ROOT.resolve("e2e/target/grants-run");

    private ServiceProcess catalog;

    @BeforeAll
    static void createDatabaseVhostAndTheCatalogUser() throws Exception {
        Files.createDirectories(WORK);
        BACKENDS.sql("postgres", "create database " + DATABASE);
        BACKENDS.rabbitmqctl("add_vhost", VHOST);
        BACKENDS.rabbitmqctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        JsonNode definitions = new ObjectMapper().readTree(BazaarSystem.ROOT.resolve("infra/rabbitmq/definitions.json")
                .toFile());
        for (JsonNode grant : definitions.path("permissions")) {
            if (grant.path("user").asText().equals("bazaar-catalog")) {
                BACKENDS.rabbitmqctl("add_user", VHOST, PASSWORD);
                BACKENDS.rabbitmqctl("set_permissions", "-p", VHOST, VHOST, grant.path("configure").asText(),
                        grant.path("write").asText(), grant.path("read").asText());
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(BACKENDS.amqpHost());
        factory.setPort(BACKENDS.amqpPort());
        factory.setVirtualHost(VHOST);
        try (Connection admin = factory.newConnection(); Channel channel = admin.createChannel()) {
            channel.exchangeDeclare("ordering.events", "topic", true);
            channel.exchangeDeclare("DLX", "direct", true);
            channel.queueDeclare("catalog.stock-commands", true, false, false, Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", 20, "x-dead-letter-exchange", "DLX",
                    "x-dead-letter-routing-key", "catalog.stock-commands"));
        }
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
    void catalogBecomesReadyUnderItsProductionGrantsAlsoWithAQueueFromBefore() throws IOException {
        Map<String, String> env = new HashMap<>(BazaarSystem.writeKeys(WORK));
        env.put("BAZAAR_DB_HOST", BACKENDS.pgHost());
        env.put("BAZAAR_DB_PORT", String.valueOf(BACKENDS.pgPort()));
        env.put("BAZAAR_DB_NAME", DATABASE);
        env.put("BAZAAR_DB_USER", "postgres");
        env.put("BAZAAR_DB_PASSWORD", UUID.randomUUID().toString());
        env.put("BAZAAR_RABBITMQ_HOST", BACKENDS.amqpHost());
        env.put("BAZAAR_RABBITMQ_PORT", String.valueOf(BACKENDS.amqpPort()));
        env.put("BAZAAR_RABBITMQ_VHOST", VHOST);
        env.put("BAZAAR_RABBITMQ_USER", VHOST);
        env.put("BAZAAR_RABBITMQ_PASSWORD", PASSWORD);
        Path log = WORK.resolve("catalog.log");
        Files.deleteIfExists(log);
        catalog = new ServiceProcess("catalog-grants", BazaarSystem.freePort(),
                BazaarSystem.ROOT.resolve("catalog/target/quarkus-app/quarkus-run.jar"), log, env);

        catalog.start();
        catalog.awaitReady(Duration.ofSeconds(60));

        assertThat(Files.readString(log)).contains("Queue catalog.stock-commands exists with other arguments");
        assertThat(BACKENDS.rabbitmqctl("list_bindings", "-p", VHOST, "source_name", "destination_name",
                "routing_key")).contains("ordering.events\tcatalog.stock-commands\tstock.reserve")
                .contains("DLX.catalog\tcatalog.stock-commands.dlq\tcatalog.stock-commands");
    }
}

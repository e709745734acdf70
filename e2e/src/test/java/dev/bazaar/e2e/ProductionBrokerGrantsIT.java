package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The packaged catalog under its production broker grants (those rendered from {@code infra/topology.properties}: it may
 * configure only its own resources and only read the exchange it listens to, which the broker definitions declare)
 * becomes ready, on a broker where its command queue still exists from before the per-service dead-letter exchanges
 * (declared with the shared DLX): it binds to what it may only read and uses the old queue as it is.
 */
class ProductionBrokerGrantsIT {

    private static LoneCatalog lone;

    private ServiceProcess catalog;

    @BeforeAll
    static void createDatabaseVhostAndTheCatalogUser() throws Exception {
        lone = new LoneCatalog("grants");
        for (JsonNode grant : Topology.brokerDefinitions().path("permissions")) {
            if (grant.path("user").asText().equals("bazaar-catalog")) {
                lone.grantBrokerUser(grant.path("configure").asText(), grant.path("write").asText(),
                        grant.path("read").asText());
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(lone.backends().amqpHost());
        factory.setPort(lone.backends().amqpPort());
        factory.setVirtualHost(lone.vhost());
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
        lone.close();
    }

    @AfterEach
    void stop() {
        if (catalog != null) {
            catalog.kill();
        }
    }

    @Test
    void catalogBecomesReadyUnderItsProductionGrantsAlsoWithAQueueFromBefore() throws IOException {
        catalog = lone.process("grants", lone.environment());

        catalog.start();
        catalog.awaitReady(Duration.ofSeconds(60));

        assertThat(Files.readString(lone.log("grants")))
                .contains("Queue catalog.stock-commands exists with other arguments");
        assertThat(lone.backends().rabbitmqctl("list_bindings", "-p", lone.vhost(), "source_name",
                "destination_name", "routing_key")).contains("ordering.events\tcatalog.stock-commands\tstock.reserve")
                .contains("DLX.catalog\tcatalog.stock-commands.dlq\tcatalog.stock-commands");
    }
}

package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import dev.bazaar.e2e.Backends;
import dev.bazaar.e2e.Topology;

/**
 * The broker grants rendered from {@code infra/topology.properties} (./bazaar run's and compose's; the Kubernetes ones, see
 * {@link BrokerPermissionsTest}) applied to the local RabbitMQ in a throwaway vhost, with the topology infra declares
 * (each service's queues dead-letter into {@code ConsumerConfig}'s dead-letter exchange). Connected as each service's
 * broker user: it cannot put a message into another service's dead-letter queues, nor delete or redeclare an
 * exchange it only listens to; it can still dead-letter into its own and bind its queues to what it listens to.
 */
class BrokerPermissionsEnforcedTest {

    private static final Pattern DEAD_LETTER_EXCHANGE = Pattern.compile(
            "@WithDefault\\(\"([^\"]+)\"\\)\\s*String deadLetterExchange\\(\\)");
    private static final Backends BROKER = Backends.local();
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String VHOST = "bazaar-permissions-" + RUN;
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final Map<String, String> USERS = new LinkedHashMap<>();

    @BeforeAll
    static void applyTheGrantsAndTheTopology() throws Exception {
        BROKER.rabbitmqctl("add_vhost", VHOST);
        BROKER.rabbitmqctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        for (JsonNode grant : Topology.brokerDefinitions().path("permissions")) {
            String user = grant.path("user").asText();
            if (!user.startsWith("bazaar-")) {
                continue;
            }
            String service = user.substring("bazaar-".length());
            String name = "bazaar-permissions-" + RUN + "-" + service;
            BROKER.rabbitmqctl("add_user", name, PASSWORD);
            BROKER.rabbitmqctl("set_permissions", "-p", VHOST, name, grant.path("configure").asText(),
                    grant.path("write").asText(), grant.path("read").asText());
            USERS.put(service, name);
        }
        assertThat(USERS.keySet()).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        try (Connection admin = connect("guest", "guest"); Channel channel = admin.createChannel()) {
            for (String service : Repository.SERVICES) {
                channel.exchangeDeclare(service + ".events", "topic", true);
                channel.exchangeDeclare(deadLetterExchange(service), "direct", true);
                channel.queueDeclare(deadLetterQueue(service), true, false, false, Map.of());
                channel.queueBind(deadLetterQueue(service), deadLetterExchange(service), service + ".in");
            }
        }
    }

    @AfterAll
    static void removeThem() throws IOException {
        BROKER.rabbitmqctl("delete_vhost", VHOST);
        for (String user : USERS.values()) {
            BROKER.rabbitmqctl("delete_user", user);
        }
    }

    @Test
    void noServiceCanPutAMessageIntoAnotherServicesDeadLetterQueues() throws Exception {
        for (String service : Repository.SERVICES) {
            for (String other : Repository.SERVICES) {
                if (!other.equals(service)) {
                    assertRefused(service, channel -> publish(channel, deadLetterExchange(other), other + ".in"));
                }
            }
        }
        try (Connection admin = connect("guest", "guest"); Channel channel = admin.createChannel()) {
            for (String service : Repository.SERVICES) {
                assertThat(channel.queueDeclarePassive(deadLetterQueue(service)).getMessageCount())
                        .as("forged dead letters in " + deadLetterQueue(service)).isZero();
            }
        }
    }

    @Test
    void eachServiceCanDeadLetterIntoItsOwnDeadLetterQueues() throws Exception {
        for (String service : Repository.SERVICES) {
            try (Connection connection = connect(USERS.get(service), PASSWORD);
                    Channel channel = connection.createChannel()) {
                publish(channel, deadLetterExchange(service), service + ".own");
            }
        }
    }

    @Test
    void noServiceCanDeleteOrRedeclareAnExchangeItOnlyListensTo() throws Exception {
        Map<String, List<String>> listens = BrokerPermissionsTest.listens();
        for (String service : Repository.SERVICES) {
            for (String exchange : listens.get(service)) {
                assertRefused(service, channel -> channel.exchangeDelete(exchange));
                assertRefused(service, channel -> channel.exchangeDeclare(exchange, "topic", true));
                assertRefused(service, channel -> channel.exchangeDeclare(exchange, "fanout", false));
                try (Connection connection = connect(USERS.get(service), PASSWORD);
                        Channel channel = connection.createChannel()) {
                    // what it does need: find the exchange and bind its own queue to it
                    channel.exchangeDeclarePassive(exchange);
                    channel.queueDeclare(service + ".listens-" + exchange, false, false, true, Map.of());
                    channel.queueBind(service + ".listens-" + exchange, exchange, "#");
                }
            }
        }
        try (Connection admin = connect("guest", "guest"); Channel channel = admin.createChannel()) {
            for (String service : Repository.SERVICES) {
                channel.exchangeDeclare(service + ".events", "topic", true); // still there, still a durable topic
            }
        }
    }

    private interface BrokerCall {
        void run(Channel channel) throws Exception;
    }

    private static void assertRefused(String service, BrokerCall call) throws Exception {
        try (Connection connection = connect(USERS.get(service), PASSWORD)) {
            Channel channel = connection.createChannel();
            assertThatThrownBy(() -> call.run(channel)).as(service).satisfies(e -> {
                ShutdownSignalException signal = e instanceof ShutdownSignalException s ? s
                        : (ShutdownSignalException) e.getCause();
                assertThat(((AMQP.Channel.Close) signal.getReason()).getReplyCode()).as(service + ": " + e)
                        .isEqualTo(AMQP.ACCESS_REFUSED);
            });
        }
    }

    /** A persistent publish the broker must confirm; a refused one closes the channel. */
    private static void publish(Channel channel, String exchange, String routingKey) throws Exception {
        channel.confirmSelect();
        channel.basicPublish(exchange, routingKey, true, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                "{\"forged\":true}".getBytes());
        channel.waitForConfirmsOrDie(5_000);
    }

    private static String deadLetterExchange(String service) {
        Matcher configured = DEAD_LETTER_EXCHANGE.matcher(Repository.read(
                "infra/src/main/java/dev/bazaar/infra/inbox/ConsumerConfig.java"));
        assertThat(configured.find()).as("ConsumerConfig.deadLetterExchange's default").isTrue();
        return configured.group(1).replace("${bazaar.service-name}", service);
    }

    private static String deadLetterQueue(String service) {
        return service + ".in.dlq";
    }

    private static Connection connect(String user, String password) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(BROKER.amqpHost());
        factory.setPort(BROKER.amqpPort());
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setVirtualHost(VHOST);
        return factory.newConnection("permissions-test");
    }
}

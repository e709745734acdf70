package dev.bazaar.e2e;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The PostgreSQL server and RabbitMQ node a test system runs against: the machine's own by default, or throwaway
 * ones that a fault test may stop and restart. {@code rabbitNode} null means rabbitmqctl's default node.
 */
public record Backends(String pgHost, int pgPort, String amqpHost, int amqpPort, String rabbitNode) {

    public static Backends local() {
        return new Backends(env("BAZAAR_TEST_PG_HOST", "127.0.0.1"), Integer.parseInt(env("BAZAAR_TEST_PG_PORT",
                "5432")), env("BAZAAR_TEST_RABBITMQ_HOST", "127.0.0.1"),
                Integer.parseInt(env("BAZAAR_TEST_RABBITMQ_PORT", "5672")), null);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    public void sql(String database, String statement) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** Runs rabbitmqctl against this node and returns its output; fails on a non-zero exit. */
    public String rabbitmqctl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        if (rabbitNode != null) {
            command.addAll(List.of("-n", rabbitNode));
        }
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Messages ready or unacknowledged per queue of {@code vhost}, as the broker counts them now. */
    public Map<String, Long> queueDepths(String vhost) throws IOException {
        return parseQueueDepths(rabbitmqctl("list_queues", "-p", vhost, "name", "messages"));
    }

    /**
     * Reads the output of {@code rabbitmqctl list_queues name messages}: a quorum queue refreshes the count it shows
     * on its tick, every few seconds, so it can lag an ack just made.
     */
    public static Map<String, Long> parseQueueDepths(String listQueues) {
        Map<String, Long> depths = new TreeMap<>();
        for (String line : listQueues.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[1].matches("\\d+")) {
                depths.put(columns[0], Long.parseLong(columns[1]));
            }
        }
        return depths;
    }

    /**
     * Puts a message straight into a queue of {@code vhost} through the default exchange, as a broken producer could,
     * and waits for the broker's confirm.
     */
    public void publishToQueue(String vhost, String queue, AMQP.BasicProperties properties, byte[] body)
            throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(amqpHost);
        factory.setPort(amqpPort);
        factory.setVirtualHost(vhost);
        try (com.rabbitmq.client.Connection connection = factory.newConnection("e2e-test");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", queue, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

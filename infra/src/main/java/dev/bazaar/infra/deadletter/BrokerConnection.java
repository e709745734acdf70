package dev.bazaar.infra.deadletter;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.bazaar.infra.messaging.ServiceIdentity;

/**
 * A plain AMQP connection, opened on first use with the connector's own settings ({@code rabbitmq-host}, ...), for the
 * outbox relay and the operator's dead-letter work: synchronous publishes with confirms, basic.get, ack and nack are
 * simpler and safer here than through the reactive channels, which only consume and publish.
 */
@ApplicationScoped
public class BrokerConnection {

    private final Config config;
    private final ServiceIdentity service;
    private Connection connection;

    BrokerConnection(Config config, ServiceIdentity service) {
        this.config = config;
        this.service = service;
    }

    /** A new channel on the shared connection, which is (re)opened when it is missing or closed. */
    public synchronized Channel openChannel() throws IOException {
        if (connection == null || !connection.isOpen()) {
            connection = connect("direct");
        }
        return connection.createChannel();
    }

    /**
     * A new connection of its own, named {@code <service>-<purpose>} in the broker's UI. It does not recover by
     * itself: its owner opens a new one when it dies.
     */
    public Connection connect(String purpose) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(setting("rabbitmq-host", "localhost"));
        factory.setPort(Integer.parseInt(setting("rabbitmq-port", "5672")));
        factory.setUsername(setting("rabbitmq-username", "guest"));
        factory.setPassword(setting("rabbitmq-password", "guest"));
        factory.setVirtualHost(setting("rabbitmq-virtual-host", "/"));
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        try {
            return factory.newConnection(service.name() + "-" + purpose);
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting to RabbitMQ", e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close();
            } catch (IOException e) {
                // shutting down anyway
            }
        }
    }

    private String setting(String key, String fallback) {
        return config.getOptionalValue(key, String.class).orElse(fallback);
    }
}

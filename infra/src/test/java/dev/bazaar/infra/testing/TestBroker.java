package dev.bazaar.infra.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;

/**
 * A plain AMQP client on the test run's vhost: publishes like another service would and watches what is published.
 * A test that needs it throughout registers {@link RabbitMqExtension}; {@link #connect()} is for a client of a block's
 * own, closed by the caller.
 */
public final class TestBroker implements AutoCloseable {

    private static final MessageCodec CODEC = new MessageCodec();
    private final Connection connection;

    private TestBroker(Connection connection) {
        this.connection = connection;
    }

    /** Connects with the broker settings of the running test application. */
    public static TestBroker connect() {
        return connect(ConfigProvider.getConfig());
    }

    /** Connects with the broker settings of {@code config}, the configuration of the application under test. */
    public static TestBroker connect(Config config) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        // Dev Services (BAZAAR_DEV_SERVICES=true) use the default vhost and set no rabbitmq-virtual-host.
        factory.setVirtualHost(config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
        try {
            return new TestBroker(factory.newConnection("bazaar-test"));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ not reachable", e);
        }
    }

    /** Publishes an envelope as the outbox relay would (persistent, message id and type set), confirmed. */
    public void publish(String exchange, Envelope envelope) {
        publish(exchange, envelope.type(), CODEC.encode(envelope), properties(envelope));
    }

    /**
     * Publishes envelopes back to back on one channel and waits once for all confirms: they reach a consumer that is
     * idle within its batch wait, so it applies them in one batch.
     */
    public void publishTogether(String exchange, Envelope... envelopes) {
        confirmed(exchange, channel -> {
            for (Envelope envelope : envelopes) {
                channel.basicPublish(exchange, envelope.type(), properties(envelope), CODEC.encode(envelope));
            }
        });
    }

    private static AMQP.BasicProperties properties(Envelope envelope) {
        return new AMQP.BasicProperties.Builder()
                .messageId(envelope.id().toString()).type(envelope.type()).contentType("application/json")
                .deliveryMode(2).correlationId(envelope.correlationId()).build();
    }

    /** Publishes raw bytes, e.g. a poison message. */
    public void publish(String exchange, String routingKey, byte[] body) {
        publish(exchange, routingKey, body, new AMQP.BasicProperties.Builder().deliveryMode(2)
                .contentType("application/json").build());
    }

    public void publish(String exchange, String routingKey, byte[] body, AMQP.BasicProperties properties) {
        confirmed(exchange, channel -> channel.basicPublish(exchange, routingKey, properties, body));
    }

    /** What a channel of its own publishes, then one wait for the broker's confirms of all of it. */
    private interface Publishing {
        void publish(Channel channel) throws IOException;
    }

    private void confirmed(String exchange, Publishing publishing) {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            publishing.publish(channel);
            channel.waitForConfirmsOrDie(Duration.ofSeconds(10).toMillis());
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("publish to " + exchange + " failed", e);
        }
    }

    /** Binds a fresh exclusive queue to {@code exchange} (declared topic if missing) and collects what arrives. */
    public Collector collect(String exchange, String... routingKeys) {
        try {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            for (String key : routingKeys) {
                channel.queueBind(queue, exchange, key);
            }
            return new Collector(channel, queue);
        } catch (IOException e) {
            throw new IllegalStateException("cannot collect from " + exchange, e);
        }
    }

    /** Takes every message currently in {@code queue} (acknowledging them), e.g. to inspect a dead-letter queue. */
    public List<ReceivedMessage> drain(String queue) {
        List<ReceivedMessage> messages = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                messages.add(new ReceivedMessage(response.getEnvelope().getRoutingKey(), response.getBody(),
                        response.getProps()));
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot read " + queue, e);
        }
        return messages;
    }

    /** Number of ready messages in a queue. */
    public long depth(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot inspect " + queue, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Envelope factory for tests: a message as the named service would send it. */
    public static <P> Envelope envelope(dev.bazaar.events.MessageType<P> type, P payload, String source,
            String aggregateId, String correlationId) {
        return CODEC.wrap(type, payload, source, aggregateId, correlationId, null);
    }
}

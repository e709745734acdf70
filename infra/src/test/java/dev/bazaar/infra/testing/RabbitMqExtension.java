package dev.bazaar.infra.testing;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.rabbitmq.client.AMQP;

import dev.bazaar.events.Envelope;

/**
 * JUnit 5 extension giving each test a {@link TestBroker} on the test run's vhost: connected before the test with the
 * broker settings Quarkus configured for the application under test, closed after it together with every
 * {@link Collector} opened on it. {@code @BeforeEach} methods of the test already find it connected. Register it on a
 * static field ({@code @QuarkusTest} runs the test methods on an instance of its own, which shares only static state
 * with the one JUnit registers extensions from) and use it as the broker:
 * <pre>{@code
 * @RegisterExtension
 * static final RabbitMqExtension broker = new RabbitMqExtension();
 * }</pre>
 */
public final class RabbitMqExtension implements BeforeEachCallback, AfterEachCallback {

    private volatile TestBroker broker;

    @Override
    public void beforeEach(ExtensionContext context) {
        // the configuration of the application the test class was loaded for, whichever class loader is current
        broker = TestBroker.connect(ConfigProvider.getConfig(context.getRequiredTestClass().getClassLoader()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestBroker connected = broker;
        broker = null;
        if (connected != null) {
            connected.close();
        }
    }

    /** The client of the running test. */
    public TestBroker broker() {
        TestBroker connected = broker;
        if (connected == null) {
            throw new IllegalStateException("the test broker is connected only while a test runs");
        }
        return connected;
    }

    /** See {@link TestBroker#publish(String, Envelope)}. */
    public void publish(String exchange, Envelope envelope) {
        broker().publish(exchange, envelope);
    }

    /** See {@link TestBroker#publishTogether}. */
    public void publishTogether(String exchange, Envelope... envelopes) {
        broker().publishTogether(exchange, envelopes);
    }

    /** See {@link TestBroker#publish(String, String, byte[])}. */
    public void publish(String exchange, String routingKey, byte[] body) {
        broker().publish(exchange, routingKey, body);
    }

    /** See {@link TestBroker#publish(String, String, byte[], AMQP.BasicProperties)}. */
    public void publish(String exchange, String routingKey, byte[] body, AMQP.BasicProperties properties) {
        broker().publish(exchange, routingKey, body, properties);
    }

    /** See {@link TestBroker#collect}; the collector closes with the test's connection at the latest. */
    public Collector collect(String exchange, String... routingKeys) {
        return broker().collect(exchange, routingKeys);
    }

    /** See {@link TestBroker#drain}. */
    public List<ReceivedMessage> drain(String queue) {
        return broker().drain(queue);
    }

    /** See {@link TestBroker#depth}. */
    public long depth(String queue) {
        return broker().depth(queue);
    }
}

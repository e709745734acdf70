package dev.bazaar.infra.it;

import static dev.bazaar.infra.it.OutboxRelayTest.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class InboundProcessorTest {

    private static final String EXCHANGE = "probe.events";
    private static final String DLQ = "probe.in.dlq";

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Inject
    ProbeListener listener;

    List<ReceivedMessage> deadLetters = new ArrayList<>();

    @BeforeEach
    void emptyDeadLetterQueue() {
        broker.drain(DLQ);
    }

    @Test
    void duplicatedDeliveryHasOneEffect() {
        ProductCreated product = product("SKU-DUP");
        Envelope envelope = envelope(product);

        broker.publish(EXCHANGE, envelope);
        broker.publish(EXCHANGE, envelope);
        broker.publish(EXCHANGE, envelope);

        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
        ProductCreated marker = product("SKU-AFTER-DUP");
        broker.publish(EXCHANGE, envelope(marker));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(marker.productId()) == 1);
        assertThat(ProbeDatabase.effects(product.productId())).isEqualTo(1);
        assertThat(TestDatabase.inboxRows(envelope.id())).isEqualTo(1);
        assertThat(listener.attempts(product.productId())).isEqualTo(1);
    }

    @Test
    void poisonMessagesAreDeadLetteredWithTheReasonWhileTheNextGoodMessageIsProcessed() {
        broker.publish(EXCHANGE, "product.created", "{not json".getBytes(StandardCharsets.UTF_8));
        String schemaInvalid = new String(new dev.bazaar.events.MessageCodec().encode(envelope(product("SKU-X"))),
                StandardCharsets.UTF_8).replace("\"price\":\"9.99\"", "\"price\":\"free\"");
        broker.publish(EXCHANGE, "product.created", schemaInvalid.getBytes(StandardCharsets.UTF_8));
        String unknownType = schemaInvalid.replace("\"type\":\"product.created\"", "\"type\":\"product.exploded\"");
        broker.publish(EXCHANGE, "product.created", unknownType.getBytes(StandardCharsets.UTF_8));
        Envelope wrongChannel = TestBroker.envelope(Contracts.PRODUCT_PRICE_CHANGED,
                new dev.bazaar.events.product.ProductPriceChanged(java.util.UUID.randomUUID(), "SKU-P",
                        new java.math.BigDecimal("1.00"), new java.math.BigDecimal("2.00")),
                "catalog", "p", "p");
        // a type this queue has no handler for (as after a binding left over from an older version)
        broker.publish(EXCHANGE, "product.created",
                new dev.bazaar.events.MessageCodec().encode(wrongChannel));
        ProductCreated good = product("SKU-GOOD");
        broker.publish(EXCHANGE, envelope(good));

        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(good.productId()) == 1);
        List<ReceivedMessage> parked = awaitDeadLetters(4);
        // Consumers run with concurrency > 1, so the dead letters may be parked in any order.
        assertThat(parked).extracting(message -> message.header(DeadLetters.REASON)).satisfiesExactlyInAnyOrder(
                reason -> assertThat(reason).startsWith("invalid message").containsIgnoringCase("json"),
                reason -> assertThat(reason).startsWith("invalid message").contains("price"),
                reason -> assertThat(reason).startsWith("invalid message").contains("product.exploded"),
                reason -> assertThat(reason).startsWith("no handler for product.price-changed.v1"));
        assertThat(parked).filteredOn(message -> message.header(DeadLetters.REASON).contains("malformed JSON"))
                .singleElement().satisfies(message -> assertThat(message.text()).isEqualTo("{not json"));
        assertThat(parked).allSatisfy(message -> assertThat(message.header(DeadLetters.QUEUE)).isEqualTo("probe.in"));
    }

    @Test
    void transientFailureIsRetriedWithBackoffUntilItSucceeds() {
        ProductCreated flaky = product("FLAKY-1");
        broker.publish(EXCHANGE, envelope(flaky));

        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(flaky.productId()) == 1);
        assertThat(listener.attempts(flaky.productId())).isEqualTo(3);
        assertThat(broker.depth(DLQ)).isZero();
    }

    @Test
    void persistentFailureIsDeadLetteredAfterTheConfiguredAttempts() {
        ProductCreated broken = product("BROKEN-1");
        broker.publish(EXCHANGE, envelope(broken));

        ReceivedMessage parked = awaitDeadLetters(1).get(0);
        assertThat(parked.header(DeadLetters.REASON)).startsWith("handler failed after 3 attempt(s)")
                .contains("simulated outage");
        assertThat(parked.header(DeadLetters.ATTEMPTS)).isEqualTo("3");
        assertThat(parked.envelope().aggregateId()).isEqualTo(broken.productId().toString());
        assertThat(listener.attempts(broken.productId())).isEqualTo(3);
        assertThat(ProbeDatabase.effects(broken.productId())).isZero();
        assertThat(TestDatabase.inboxRows(parked.envelope().id())).as("failed attempts leave no inbox row").isZero();
    }

    @Test
    void messageRejectedByItsHandlerGoesToTheDeadLetterQueueWithoutRetries() {
        ProductCreated rejected = product("REJECT-1");
        broker.publish(EXCHANGE, envelope(rejected));

        ReceivedMessage parked = awaitDeadLetters(1).get(0);
        assertThat(parked.header(DeadLetters.REASON)).isEqualTo("rejected by handler: sku REJECT-1 is not acceptable");
        assertThat(listener.attempts(rejected.productId())).isEqualTo(1);
    }

    private List<ReceivedMessage> awaitDeadLetters(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            deadLetters.addAll(broker.drain(DLQ));
            return deadLetters.size() >= count;
        });
        return deadLetters;
    }

    private static Envelope envelope(ProductCreated product) {
        return TestBroker.envelope(Contracts.PRODUCT_CREATED, product, "catalog", product.productId().toString(),
                product.productId().toString());
    }
}

package dev.bazaar.infra.it;

import static dev.bazaar.infra.it.DeadLetterAdmin.QUEUE;
import static dev.bazaar.infra.it.DeadLetterAdmin.awaitListed;
import static dev.bazaar.infra.it.DeadLetterAdmin.discard;
import static dev.bazaar.infra.it.DeadLetterAdmin.discardAll;
import static dev.bazaar.infra.it.DeadLetterAdmin.list;
import static dev.bazaar.infra.it.DeadLetterAdmin.replay;
import static dev.bazaar.infra.it.DeadLetterAdmin.replayAll;
import static dev.bazaar.infra.it.OutboxRelayTest.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.deadletter.DeadLetterQueueView;
import dev.bazaar.infra.deadletter.DeadLetterView;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class DeadLetterAdminTest {

    private static final String EXCHANGE = "probe.events";
    private static final String DLQ = "probe.in.dlq";

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Inject
    ProbeListener listener;

    @BeforeEach
    void emptyDeadLetterQueue() {
        broker.drain(DLQ);
        listener.breakFixable(true);
    }

    @AfterEach
    void breakFixableAgain() {
        listener.breakFixable(true);
    }

    @Test
    void listingShowsAPoisonMessageWithItsReasonAndExcerptAndLeavesItInTheDeadLetterQueue() {
        Instant before = Instant.now();
        String tag = UUID.randomUUID().toString();
        String body = "{not json " + tag + " " + "x".repeat(500);
        broker.publish(EXCHANGE, "product.created", body.getBytes(StandardCharsets.UTF_8));

        DeadLetterView listed = awaitListed(view -> view.payloadExcerpt().contains(tag));

        assertThat(listed.reason()).startsWith("invalid message");
        assertThat(listed.payloadExcerpt()).startsWith("{not json " + tag).hasSize(301).endsWith("x…");
        assertThat(listed.count()).isEqualTo(1);
        assertThat(listed.attempts()).isZero();
        assertThat(listed.firstSeen()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(listed.messageId()).as("a message without id is named by its body").startsWith("sha256-");
        assertThat(DeadLetterAdmin.listAll()).singleElement().satisfies(queue -> {
            assertThat(queue.queue()).isEqualTo(QUEUE);
            assertThat(queue.deadLetterQueue()).isEqualTo(DLQ);
            assertThat(queue.depth()).isEqualTo(1);
            assertThat(queue.messages()).containsExactly(listed);
        });
        assertThat(broker.drain(DLQ)).as("listing consumed nothing").singleElement()
                .satisfies(message -> assertThat(message.text()).isEqualTo(body));
    }

    @Test
    void listingTimeAfterTimeNeitherLosesNorDuplicatesADeadLetter() {
        Envelope rejected = envelope(product("REJECT-LIST"));
        broker.publish(EXCHANGE, rejected);
        awaitListed(rejected.id());

        for (int i = 0; i < 10; i++) {
            DeadLetterQueueView view = list();
            assertThat(view.depth()).isEqualTo(1);
            assertThat(view.messages()).singleElement().satisfies(listed -> {
                assertThat(listed.messageId()).isEqualTo(rejected.id().toString());
                assertThat(listed.count()).isEqualTo(1);
            });
        }

        ReceivedMessage parked = broker.drain(DLQ).get(0);
        assertThat(parked.envelope()).isEqualTo(rejected);
        assertThat(parked.header(DeadLetters.REASON))
                .isEqualTo("rejected by handler: sku REJECT-LIST is not acceptable");
        assertThat(parked.header("x-delivery-count")).as("put back often, it was refreshed below the threshold")
                .satisfiesAnyOf(count -> assertThat(count).isNull(),
                        count -> assertThat(Integer.parseInt(count)).isLessThanOrEqualTo(3));
    }

    @Test
    void listingIsBoundedByTheLimitButCountsTheWholeQueue() {
        List<Envelope> rejected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rejected.add(envelope(product("REJECT-LIMIT-" + i)));
            broker.publish(EXCHANGE, rejected.get(i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> broker.depth(DLQ) == 5);

        DeadLetterQueueView firstTwo = list(2);

        assertThat(firstTwo.depth()).isEqualTo(5);
        assertThat(firstTwo.messages()).hasSize(2);
        DeadLetterAdmin.admin().queryParam("limit", 0).get("/admin/dead-letters").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(broker.depth(DLQ)).isEqualTo(5);
    }

    @Test
    void handlerFailureFixedAfterwardsIsReplayedAndTakesEffectExactlyOnce() {
        ProductCreated product = product("FIXABLE-ONCE");
        Envelope envelope = envelope(product);
        broker.publish(EXCHANGE, envelope);

        DeadLetterView listed = awaitListed(envelope.id());
        assertThat(listed.reason()).startsWith("handler failed after 3 attempt(s)").contains("simulated outage");
        assertThat(listed.type()).isEqualTo("product.created");
        assertThat(listed.correlationId()).isEqualTo(product.productId().toString());
        assertThat(listed.attempts()).isEqualTo(3);
        assertThat(listed.payloadExcerpt())
                .startsWith("{\"id\":\"" + envelope.id() + "\",\"type\":\"product.created\"");
        assertThat(ProbeDatabase.effects(product.productId())).isZero();

        listener.breakFixable(false);
        replay(envelope.id()).statusCode(200).body("replayed", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
        assertThat(broker.depth(DLQ)).isZero();
        replayAll().statusCode(200).body("replayed", equalTo(0));
        replay(envelope.id()).statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Dead letter not found"));
        awaitProcessedUpToHere();
        assertThat(ProbeDatabase.effects(product.productId())).isEqualTo(1);
        assertThat(TestDatabase.inboxRows(envelope.id())).isEqualTo(1);
        assertThat(listener.attempts(product.productId())).isEqualTo(4);
    }

    @Test
    void openingADeadLetterShowsItsHeadersAndWholeBodyAndLeavesItInPlace() {
        ProductCreated product = product("FIXABLE-OPEN");
        Envelope envelope = envelope(product);
        broker.publish(EXCHANGE, envelope);
        awaitListed(envelope.id());

        var opened = DeadLetterAdmin.admin().get("/admin/dead-letters/" + QUEUE + "/" + envelope.id()).then()
                .statusCode(200).extract().jsonPath();

        assertThat(opened.getString("messageId")).isEqualTo(envelope.id().toString());
        assertThat(opened.getString("queue")).isEqualTo(QUEUE);
        assertThat(opened.getString("deadLetterQueue")).isEqualTo(DLQ);
        assertThat(opened.getString("type")).isEqualTo("product.created");
        assertThat(opened.getString("correlationId")).isEqualTo(product.productId().toString());
        assertThat(opened.getString("reason")).startsWith("handler failed after 3 attempt(s)");
        assertThat(opened.getString("headers.'" + DeadLetters.REASON + "'")).isEqualTo(opened.getString("reason"));
        assertThat(opened.getString("headers.'" + DeadLetters.ATTEMPTS + "'")).isEqualTo("3");
        assertThat(opened.getString("body")).as("the whole body, not an excerpt")
                .isEqualTo(new String(new MessageCodec().encode(envelope), StandardCharsets.UTF_8));
        assertThat(broker.depth(DLQ)).as("opening consumed nothing").isEqualTo(1);

        DeadLetterAdmin.admin().get("/admin/dead-letters/" + QUEUE + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Dead letter not found"));
        DeadLetterAdmin.admin().get("/admin/dead-letters/no.such.queue/" + envelope.id()).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Queue not found"));
        given().auth().oauth2(TestTokens.customer(UUID.randomUUID()))
                .get("/admin/dead-letters/" + QUEUE + "/" + envelope.id()).then().statusCode(403);
    }

    @Test
    void messageDeadLetteredTwiceIsListedOnceAndReplayingBothCopiesHasOneEffect() {
        ProductCreated product = product("FIXABLE-TWICE");
        Envelope envelope = envelope(product);
        broker.publish(EXCHANGE, envelope);
        broker.publish(EXCHANGE, envelope);

        awaitListed(view -> view.messageId().equals(envelope.id().toString()) && view.count() == 2);
        assertThat(list().messages()).hasSize(1);

        listener.breakFixable(false);
        replayAll().statusCode(200).body("replayed", equalTo(2));

        awaitProcessedUpToHere();
        assertThat(ProbeDatabase.effects(product.productId())).isEqualTo(1);
        assertThat(TestDatabase.inboxRows(envelope.id())).isEqualTo(1);
        assertThat(listener.attempts(product.productId())).as("3 failed attempts per copy, then one effect")
                .isEqualTo(7);
        assertThat(broker.depth(DLQ)).isZero();
    }

    @Test
    void replayedMessageThatFailsAgainIsBackInTheDeadLetterQueueWithItsReplayHistory() {
        ProductCreated product = product("FIXABLE-NOT-YET");
        Envelope envelope = envelope(product);
        broker.publish(EXCHANGE, envelope);
        awaitListed(envelope.id());

        replay(envelope.id()).statusCode(200).body("replayed", equalTo(1));

        List<ReceivedMessage> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            parked.addAll(broker.drain(DLQ));
            return !parked.isEmpty();
        });
        assertThat(parked).singleElement().satisfies(message -> {
            assertThat(message.properties().getMessageId()).isEqualTo(envelope.id().toString());
            assertThat(message.envelope()).isEqualTo(envelope);
            assertThat(message.header("x-bazaar-replay-count")).isEqualTo("1");
            assertThat(message.header("x-bazaar-replayed-reason")).startsWith("handler failed after 3 attempt(s)");
            assertThat(message.header("x-bazaar-replayed-at")).isNotNull();
            assertThat(message.header(DeadLetters.REASON)).startsWith("handler failed after 3 attempt(s)");
        });
        assertThat(listener.attempts(product.productId())).isEqualTo(6);
        assertThat(ProbeDatabase.effects(product.productId())).isZero();
    }

    @Test
    void messageDeadLetteredByTheBrokerIsListedWithTheBrokersReasonAndCanBeReplayed() throws Exception {
        ProductCreated product = product("FIXABLE-BROKER");
        Envelope envelope = envelope(product);
        rejectThroughTheBroker(envelope);

        DeadLetterView listed = awaitListed(envelope.id());
        assertThat(listed.reason()).isEqualTo("dead-lettered by the broker: rejected by the consumer (probe.rejects)");
        assertThat(listed.count()).isEqualTo(1);
        assertThat(listed.type()).isEqualTo("product.created");
        assertThat(listed.attempts()).isNull();
        assertThat(listed.firstSeen()).isBetween(Instant.now().minusSeconds(30), Instant.now());

        listener.breakFixable(false);
        replay(envelope.id()).statusCode(200).body("replayed", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
        assertThat(listener.attempts(product.productId())).isEqualTo(1);
    }

    @Test
    void discardRemovesOneDeadLetterOrAllOfThem() {
        List<Envelope> rejected = List.of(envelope(product("REJECT-D1")), envelope(product("REJECT-D2")),
                envelope(product("REJECT-D3")));
        rejected.forEach(message -> broker.publish(EXCHANGE, message));
        await().atMost(Duration.ofSeconds(15)).until(() -> list().messages().size() == 3);

        discard(rejected.get(0).id()).statusCode(200).body("discarded", equalTo(1));

        assertThat(list().messages()).extracting(DeadLetterView::messageId)
                .containsExactlyInAnyOrder(rejected.get(1).id().toString(), rejected.get(2).id().toString());
        discardAll().statusCode(200).body("discarded", equalTo(2));
        DeadLetterQueueView empty = list();
        assertThat(empty.depth()).isZero();
        assertThat(empty.messages()).isEmpty();
        discardAll().statusCode(200).body("discarded", equalTo(0));
    }

    @Test
    void unknownQueueOrMessageIsANotFoundProblemAndTakesNothing() {
        Envelope rejected = envelope(product("REJECT-404"));
        broker.publish(EXCHANGE, rejected);
        awaitListed(rejected.id());
        String unknown = UUID.randomUUID().toString();

        DeadLetterAdmin.admin().get("/admin/dead-letters/no.such-queue").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Queue not found"));
        DeadLetterAdmin.admin().post("/admin/dead-letters/" + DLQ + "/replay").then().statusCode(404)
                .contentType("application/problem+json");
        DeadLetterAdmin.admin().delete("/admin/dead-letters/no.such-queue/" + rejected.id()).then().statusCode(404);
        replay(unknown).statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Dead letter not found"));
        discard(unknown).statusCode(404).contentType("application/problem+json");

        assertThat(list().messages()).extracting(DeadLetterView::messageId).containsExactly(rejected.id().toString());
        assertThat(broker.depth(DLQ)).isEqualTo(1);
    }

    @Test
    void deadLettersAreForAdminsOnly() {
        Envelope rejected = envelope(product("REJECT-SEC"));
        broker.publish(EXCHANGE, rejected);
        awaitListed(rejected.id());
        String customer = TestTokens.customer(UUID.randomUUID());

        given().get("/admin/dead-letters").then().statusCode(401);
        given().post("/admin/dead-letters/" + QUEUE + "/replay").then().statusCode(401);
        given().delete("/admin/dead-letters/" + QUEUE).then().statusCode(401);
        given().auth().oauth2(customer).get("/admin/dead-letters").then().statusCode(403);
        given().auth().oauth2(customer).post("/admin/dead-letters/" + QUEUE + "/replay/" + rejected.id()).then()
                .statusCode(403);
        given().auth().oauth2(customer).delete("/admin/dead-letters/" + QUEUE + "/" + rejected.id()).then()
                .statusCode(403);

        assertThat(broker.depth(DLQ)).isEqualTo(1);
    }

    /** A queue like a service's, whose consumer rejects the message: the broker parks it in probe.in.dlq itself. */
    private static void rejectThroughTheBroker(Envelope envelope) throws Exception {
        var config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getValue("rabbitmq-virtual-host", String.class));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare("probe.rejects", true, false, false, Map.of("x-queue-type", "quorum",
                    "x-dead-letter-exchange", "DLX.probe", "x-dead-letter-routing-key", QUEUE));
            channel.confirmSelect();
            channel.basicPublish("", "probe.rejects", new AMQP.BasicProperties.Builder()
                    .messageId(envelope.id().toString()).type(envelope.type()).contentType("application/json")
                    .deliveryMode(2).build(), new MessageCodec().encode(envelope));
            channel.waitForConfirmsOrDie(10_000);
            GetResponse delivery = await().until(() -> channel.basicGet("probe.rejects", false),
                    response -> response != null);
            channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
        }
    }

    /** Publishes a good message behind everything sent so far and waits for it: the consumer handles in order. */
    private void awaitProcessedUpToHere() {
        ProductCreated marker = product("MARKER");
        broker.publish(EXCHANGE, envelope(marker));
        await().atMost(Duration.ofSeconds(15)).until(() -> ProbeDatabase.effects(marker.productId()) == 1);
    }

    private static Envelope envelope(ProductCreated product) {
        return TestBroker.envelope(Contracts.PRODUCT_CREATED, product, "catalog", product.productId().toString(),
                product.productId().toString());
    }
}

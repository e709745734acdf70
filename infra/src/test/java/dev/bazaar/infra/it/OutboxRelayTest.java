package dev.bazaar.infra.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.outbox.OutboxRelay;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class OutboxRelayTest {

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Inject
    ProbeCommands commands;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    Collector published;

    @BeforeEach
    void watchExchange() {
        published = broker.collect("probe.events", "#");
    }

    @Test
    void committedTransactionPublishesExactlyOnceWithEnvelopeProperties() {
        ProductCreated product = product("SKU-1");
        Envelope sent = inTransaction(() -> commands.announce(product));

        ReceivedMessage message = published.awaitMessages(1).get(0);
        assertThat(message.routingKey()).isEqualTo("product.created");
        assertThat(message.properties().getMessageId()).isEqualTo(sent.id().toString());
        assertThat(message.properties().getType()).isEqualTo("product.created");
        assertThat(message.properties().getContentType()).isEqualTo("application/json");
        assertThat(message.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(message.envelope()).isEqualTo(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.outboxRows() == 0);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> published.messages().size() == 1);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        ProductCreated doomed = product("SKU-DOOMED");
        assertThatThrownBy(() -> inTransaction(() -> commands.announceThenFail(doomed)))
                .hasMessageContaining("business rule failed");
        // The relay publishes in commit order: once a later message arrived, the doomed one would have been first.
        ProductCreated marker = product("SKU-MARKER");
        inTransaction(() -> commands.announce(marker));

        published.awaitEnvelope(envelope -> envelope.aggregateId().equals(marker.productId().toString()));
        assertThat(published.envelopes()).extracting(Envelope::aggregateId)
                .doesNotContain(doomed.productId().toString());
        assertThat(ProbeDatabase.outboxRows()).isZero();
    }

    @Test
    void messagesArePublishedInCommitOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ProductCreated product = product("SKU-ORDER-" + i);
            expected.add(product.productId().toString());
            inTransaction(() -> commands.announce(product));
        }

        published.awaitMessages(50);
        assertThat(published.envelopes()).extracting(Envelope::aggregateId).containsExactlyElementsOf(expected);
    }

    @Test
    void confirmedMessagesAreCountedAndTheirLagTimed() {
        double before = registry.get("bazaar.outbox.published").counter().count();
        Timer lag = registry.get("bazaar.outbox.relay.lag").timer();
        long lagsBefore = lag.count();
        inTransaction(() -> commands.announce(product("SKU-METERED")));
        published.awaitMessages(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("bazaar.outbox.published").counter().count() >= before + 1);
        assertThat(lag.count()).isGreaterThan(lagsBefore);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isBetween(0.0, 10_000.0);
        // the names the benchmark scrapes (dev.bazaar.e2e.bench)
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("bazaar_outbox_relay_lag_seconds_bucket{", "bazaar_outbox_published_total",
                        "bazaar_outbox_message_size_bytes_count");
    }

    @Test
    void committedRowsArePublishedRightAfterTheCommitByTheCommitterNotTheRelay() {
        long recoveredBefore = relay.publishedCount();
        long started = System.nanoTime();
        inTransaction(() -> commands.announce(product("SKU-FAST")));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        // the call returned after the broker's confirm; the confirmed row goes with the next delete, well before the
        // relay's 2 s recovery age, so the relay recovers nothing
        published.awaitMessages(1);
        assertThat(millis).as("commit + publish + confirm, with a 1 s poll and a 2 s recovery age").isLessThan(900);
        await().atMost(Duration.ofMillis(900)).until(() -> ProbeDatabase.outboxRows() == 0);
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4))
                .until(() -> relay.publishedCount() == recoveredBefore && published.messages().size() == 1);
    }

    @Test
    void rowLeftBehindByAProcessThatDiedAfterItsCommitIsRecoveredByTheRelay() {
        long recoveredBefore = relay.publishedCount();
        ProductCreated product = product("SKU-ORPHAN");
        Envelope sent = inTransaction(() -> commands.announceAndDieBeforePublishing(product));

        // younger than the recovery age (2 s): the relay leaves it to the committer, which may still be publishing
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(2))
                .until(() -> published.messages().isEmpty());
        ReceivedMessage message = published.awaitMessages(1).get(0);
        assertThat(message.envelope()).isEqualTo(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.outboxRows() == 0);
        assertThat(relay.publishedCount()).isEqualTo(recoveredBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
    }

    @Test
    void relayWaitsWhileAnotherReplicaHoldsTheLockAndRepublishesAfterACrashBeforeMarking() throws Exception {
        ProductCreated product = product("SKU-CRASH");
        try (Connection otherReplica = TestDatabase.connect(); Statement statement = otherReplica.createStatement()) {
            // Another replica's relay holds the lock (session lock: same key space as the relay's xact lock).
            statement.execute("select pg_advisory_lock(" + OutboxRelay.LOCK_KEY + ")");
            Envelope sent = inTransaction(() -> commands.announceAndDieBeforePublishing(product));
            // past the recovery age (2 s), but the lock is held elsewhere
            await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(5))
                    .until(() -> published.messages().isEmpty());
            assertThat(ProbeDatabase.outboxRows()).isEqualTo(1);

            // That replica published the row, then died before deleting it: the copy is on the broker...
            broker.publish("probe.events", sent);
            statement.execute("select pg_advisory_unlock(" + OutboxRelay.LOCK_KEY + ")");
        }

        // ...and the surviving relay publishes the row again: two deliveries of one message id, one effect.
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.outboxRows() == 0);
        List<ReceivedMessage> copies = published.awaitMessages(2);
        assertThat(copies).extracting(copy -> copy.properties().getMessageId()).hasSize(2).containsOnly(
                copies.get(0).properties().getMessageId());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
        await().during(Duration.ofSeconds(1)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
    }

    private static Envelope inTransaction(java.util.function.Supplier<io.smallrye.mutiny.Uni<Envelope>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    static ProductCreated product(String sku) {
        return new ProductCreated(UUID.randomUUID(), sku, "Probe " + sku, new BigDecimal("9.99"));
    }
}

package dev.bazaar.infra.it;

import static dev.bazaar.infra.it.OutboxRelayTest.product;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.outbox.OutboxRelay;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.PrometheusScrape;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gauges and counters infra exposes on /q/metrics, read as Prometheus reads them. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class MetricsTest {

    private static final String EXCHANGE = "probe.events";
    private static final String QUEUE = "probe.in";
    private static final String DLQ = "probe.in.dlq";
    private static final MessageCodec CODEC = new MessageCodec();

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @BeforeEach
    void emptyDeadLetterQueue() {
        broker.drain(DLQ);
    }

    @Test
    void aQueueWhoseConsumerIsConsumingReportsItselfConnected() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PrometheusScrape.now()
                .value("bazaar_consumer_connected", "queue", QUEUE).orElseThrow()).isEqualTo(1));
    }

    @Test
    void aDuplicateDroppedByTheInboxIsCountedForItsQueue() {
        double before = PrometheusScrape.now().value("bazaar_inbox_duplicates_total", "queue", QUEUE)
                .orElseThrow();
        ProductCreated product = product("SKU-DUP-" + UUID.randomUUID());
        Envelope envelope = TestBroker.envelope(Contracts.PRODUCT_CREATED, product, "probe",
                product.productId().toString(), product.productId().toString());

        broker.publish(EXCHANGE, envelope);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeDatabase.effects(product.productId()) == 1);
        broker.publish(EXCHANGE, envelope);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PrometheusScrape.now()
                .value("bazaar_inbox_duplicates_total", "queue", QUEUE).orElseThrow()).isEqualTo(before + 1));
        assertThat(ProbeDatabase.effects(product.productId())).isEqualTo(1);
    }

    @Test
    void rowsTheRelayHasNotPublishedShowAsBacklogWithTheOldestRowsAgeAndClearOnceGone() throws Exception {
        String tag = "backlog-" + UUID.randomUUID();
        try (Connection relayElsewhere = TestDatabase.connect();
                Statement statement = relayElsewhere.createStatement()) {
            // another replica's relay holds the lock, so these rows stay where a broker outage would leave them
            statement.execute("select pg_advisory_lock(" + OutboxRelay.LOCK_KEY + ")");
            for (int i = 0; i < 3; i++) {
                Envelope envelope = TestBroker.envelope(Contracts.PRODUCT_CREATED, product("SKU-BACKLOG-" + i),
                        "probe", tag, tag);
                TestDatabase.update("insert into outbox_message (id, routing_key, message_type, aggregate_id, "
                        + "correlation_id, body, created_at) values (?, 'metrics.nobody', ?, ?, ?, ?, "
                        + "clock_timestamp() - interval '30 seconds')", envelope.id(), envelope.type(),
                        envelope.aggregateId(), envelope.correlationId(), new String(CODEC.encode(envelope), UTF_8));
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                PrometheusScrape scrape = PrometheusScrape.now();
                assertThat(scrape.value("bazaar_outbox_backlog_messages").orElseThrow()).isGreaterThanOrEqualTo(3);
                assertThat(scrape.value("bazaar_outbox_oldest_age_seconds").orElseThrow())
                        .isBetween(30.0, 120.0);
            });
            // gone before the relay could publish them (their 30 s would skew the relay's lag histogram)
            TestDatabase.update("delete from outbox_message where correlation_id = ?", tag);
            statement.execute("select pg_advisory_unlock(" + OutboxRelay.LOCK_KEY + ")");
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.now();
            assertThat(scrape.value("bazaar_outbox_backlog_messages").orElseThrow()).isZero();
            assertThat(scrape.value("bazaar_outbox_oldest_age_seconds").orElseThrow()).isLessThan(2.0);
        });
    }

    @Test
    void aPoisonMessageShowsInItsQueuesDeadLetterDepth() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PrometheusScrape.now()
                .value("bazaar_dead_letter_queue_messages", "queue", QUEUE, "dead_letter_queue", DLQ).orElseThrow())
                .isZero());

        broker.publish(EXCHANGE, "product.created", ("{not json " + UUID.randomUUID()).getBytes(UTF_8));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PrometheusScrape.now()
                .value("bazaar_dead_letter_queue_messages", "queue", QUEUE).orElseThrow()).isEqualTo(1));
        assertThat(broker.depth(DLQ)).isEqualTo(1);
    }
}

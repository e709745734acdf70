package dev.bazaar.infra.it;

import static dev.bazaar.infra.it.OutboxRelayTest.product;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.outbox.OutboxRelay;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class BatchConsumptionTest {

    private static final String EXCHANGE = "probe.events";
    private static final String QUEUE = "probe.in";
    private static final String DLQ = "probe.in.dlq";
    private static final MessageCodec CODEC = new MessageCodec();

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Inject
    ProbeListener listener;

    @Inject
    ProbeCommands commands;

    @Inject
    OutboxRelay relay;

    String tag;

    @BeforeEach
    void emptyDeadLetterQueue() {
        broker.drain(DLQ);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aBatchMixingGoodDuplicateAndPoisonMessagesAppliesEachGoodOneOnceAndParksOnlyThePoison() throws Exception {
        List<Envelope> goods = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            goods.add(envelope(product("SKU-" + tag + "-" + i)));
        }
        ProductCreated rejected = product("REJECT-" + tag);
        ProductCreated broken = product("BROKEN-" + tag);
        String malformed = "{not json " + tag;
        String schemaInvalid = new String(CODEC.encode(envelope(product("SKU-SCHEMA-" + tag))), UTF_8)
                .replace("\"price\":\"9.99\"", "\"price\":\"free\"");
        assertThat(schemaInvalid).contains("\"price\":\"free\"");
        List<Outgoing> burst = new ArrayList<>();
        for (int i = 0; i < goods.size(); i++) {
            burst.add(outgoing(goods.get(i)));
            switch (i) {
                case 1 -> burst.add(outgoing(goods.get(1))); // an exact copy (same id) right behind
                case 2 -> burst.add(raw(malformed));
                case 4 -> burst.add(outgoing(envelope(broken)));
                case 5 -> burst.add(outgoing(envelope(rejected)));
                case 6 -> burst.add(outgoing(goods.get(3))); // and one further down the burst
                case 8 -> burst.add(raw(schemaInvalid));
                default -> { }
            }
        }
        publishInOneBurst(burst);

        List<UUID> goodProducts = goods.stream().map(envelope -> UUID.fromString(envelope.aggregateId())).toList();
        List<ReceivedMessage> parked = new ArrayList<>(); // this test's dead letters: their bodies carry its tag
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            broker.drain(DLQ).stream().filter(message -> message.text().contains(tag)).forEach(parked::add);
            return parked.size() >= 4 && allOnce(effectsOf(goodProducts), goodProducts);
        });
        // and no more: no second dead letter for a retried message, no second effect for a duplicate
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> {
            broker.drain(DLQ).stream().filter(message -> message.text().contains(tag)).forEach(parked::add);
            return parked.size() == 4 && allOnce(effectsOf(goodProducts), goodProducts);
        });
        assertThat(parked).extracting(message -> message.header(DeadLetters.REASON) + " / attempts "
                + message.header(DeadLetters.ATTEMPTS)).satisfiesExactlyInAnyOrder(
                reason -> assertThat(reason).startsWith("invalid message").containsIgnoringCase("json"),
                reason -> assertThat(reason).startsWith("invalid message").contains("price"),
                reason -> assertThat(reason)
                        .isEqualTo("rejected by handler: sku REJECT-" + tag + " is not acceptable / attempts 1"),
                reason -> assertThat(reason).startsWith("handler failed after 3 attempt(s)")
                        .contains("simulated outage").endsWith(" / attempts 3"));
        assertThat(parked).extracting(ReceivedMessage::text).contains(malformed, schemaInvalid);
        assertThat(parked).allSatisfy(message -> assertThat(message.header(DeadLetters.QUEUE)).isEqualTo(QUEUE));
        assertThat(listener.attempts(rejected.productId())).as("REJECT handler runs").isEqualTo(1);
        assertThat(listener.attempts(broken.productId())).as("BROKEN handler runs").isEqualTo(3);
        assertThat(effectsOf(List.of(rejected.productId(), broken.productId()))).isEmpty();
        assertThat(goods).allSatisfy(envelope -> assertThat(TestDatabase.inboxRows(envelope.id()))
                .as("inbox rows of %s", envelope.id()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth(QUEUE) == 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> unacknowledged(QUEUE) == 0);
    }

    @Test
    void aBatchWhoseTransactionFailsAsAWholeIsAppliedAgainAndEveryMessageTakesEffectOnce() throws Exception {
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            envelopes.add(envelope(product("SKU-" + tag + "-" + i)));
        }
        List<UUID> products = envelopes.stream().map(envelope -> UUID.fromString(envelope.aggregateId())).toList();

        try (Connection locker = TestDatabase.connect(); Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            // the batch's first statement, the one claiming all its inbox rows, waits behind this lock
            statement.execute("lock table inbox_message in access exclusive mode");
            publishInOneBurst(envelopes.stream().map(BatchConsumptionTest::outgoing).toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLock("inbox_message") > 0);
            // the database drops every connection of the application, the blocked batch's among them, once
            try (ResultSet result = statement.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) "
                    + "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
                    + "and backend_type = 'client backend'")) {
                result.next();
                assertThat(result.getLong(1)).as("application connections terminated").isPositive();
            }
            locker.rollback();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> allOnce(effectsOf(products), products));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> allOnce(effectsOf(products), products));
        assertThat(envelopes).allSatisfy(envelope -> assertThat(TestDatabase.inboxRows(envelope.id()))
                .as("inbox rows of %s", envelope.id()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth(QUEUE) == 0);
        assertThat(broker.drain(DLQ)).extracting(message -> message.header(DeadLetters.REASON)).isEmpty();
    }

    @Test
    void twoReplicasPublishingAfterCommitWhileTheRelayRecoversPublishEachRowAndEachMessageHasOneEffect()
            throws Exception {
        long recoveredBefore = relay.publishedCount();
        ExecutorService otherReplica = Executors.newSingleThreadExecutor();
        try (Collector published = broker.collect(EXCHANGE, "#")) {
            Future<OtherReplica> other = otherReplica.submit(this::otherReplicaCommitsThenCrashes);
            UUID aggregate = UUID.randomUUID();
            List<UUID> ordered = new ArrayList<>();
            List<Envelope> committedHere = new ArrayList<>();
            List<UUID> products = new ArrayList<>();
            // this replica keeps committing until the relay has recovered rows of the other one meanwhile
            for (int i = 0; i < 30 || (i < 400 && !(other.isDone() && relay.publishedCount() > recoveredBefore));
                    i++) {
                ProductCreated product = product("SKU-A-" + tag + "-" + i);
                products.add(product.productId());
                committedHere.add(inTransaction(() -> commands.announce(product)));
                if (i % 5 == 0 && ordered.size() < 5) {
                    ProductCreated next = new ProductCreated(aggregate, "SKU-ORDERED-" + tag + "-" + ordered.size(),
                            product.name(), product.price());
                    Envelope sent = inTransaction(() -> commands.announce(next));
                    committedHere.add(sent);
                    ordered.add(sent.id());
                }
            }
            OtherReplica left = other.get(30, TimeUnit.SECONDS);
            left.sent().forEach(envelope -> products.add(UUID.fromString(envelope.aggregateId())));

            await().atMost(Duration.ofSeconds(15)).until(() -> ProbeDatabase.outboxRows() == 0);
            assertThat(relay.publishedCount() - recoveredBefore).as("rows the relay recovered")
                    .isGreaterThanOrEqualTo(left.leftBehind());
            await().atMost(Duration.ofSeconds(20)).until(() -> allOnce(effectsOf(products), products)
                    && effectsOf(List.of(aggregate)).getOrDefault(aggregate, 0L) == 5);
            List<String> allIds = Stream.concat(committedHere.stream(), left.sent().stream())
                    .map(envelope -> envelope.id().toString()).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> copiesById(published).keySet().containsAll(allIds));

            Map<String, Long> copies = copiesById(published);
            assertThat(committedHere).allSatisfy(envelope -> assertThat(copies.get(envelope.id().toString()))
                    .as("copies of %s, committed and published here", envelope.id()).isEqualTo(1L));
            assertThat(left.publishedButLeft()).allSatisfy(envelope -> assertThat(copies.get(envelope.id().toString()))
                    .as("copies of %s, published by the replica that died, then by the relay", envelope.id())
                    .isGreaterThanOrEqualTo(2L));
            assertThat(published.envelopes())
                    .filteredOn(envelope -> envelope.aggregateId().equals(aggregate.toString()))
                    .extracting(Envelope::id).as("messages of one aggregate, in commit order")
                    .containsExactlyElementsOf(ordered);
            assertThat(effectsOf(products)).hasSize(products.size())
                    .allSatisfy((product, count) -> assertThat(count).as("effects of %s", product).isEqualTo(1L));
            assertThat(effectsOf(List.of(aggregate))).containsEntry(aggregate, 5L);
        } finally {
            otherReplica.shutdownNow();
        }
    }

    /** What the other replica sent, and which of its rows it left in the outbox when it died. */
    private record OtherReplica(List<Envelope> sent, List<Envelope> publishedButLeft, int leftBehind) {
    }

    /**
     * Another replica's committer on plain JDBC: of 12 rows, a third is published and deleted (its happy path), a third
     * published but not deleted, a third not published at all; the rows it leaves are already past the recovery age.
     */
    private OtherReplica otherReplicaCommitsThenCrashes() {
        List<Envelope> sent = new ArrayList<>();
        List<Envelope> publishedButLeft = new ArrayList<>();
        int leftBehind = 0;
        for (int i = 0; i < 12; i++) {
            Envelope envelope = envelope(product("SKU-B-" + tag + "-" + i));
            boolean happy = i % 3 == 0;
            TestDatabase.update("insert into outbox_message (id, routing_key, message_type, aggregate_id, "
                    + "correlation_id, body, created_at) values (?, ?, ?, ?, ?, ?, "
                    + (happy ? "clock_timestamp()" : "clock_timestamp() - interval '3 seconds'") + ")",
                    envelope.id(), envelope.type(), envelope.type(), envelope.aggregateId(), envelope.correlationId(),
                    new String(CODEC.encode(envelope), UTF_8));
            switch (i % 3) {
                case 0 -> { // its happy path: published after the commit, deleted once the broker confirmed
                    broker.publish(EXCHANGE, envelope);
                    TestDatabase.update("delete from outbox_message where id = ?", envelope.id());
                }
                case 1 -> { // died between the broker's confirm and the delete
                    broker.publish(EXCHANGE, envelope);
                    publishedButLeft.add(envelope);
                }
                default -> { } // died right after the commit
            }
            leftBehind += happy ? 0 : 1;
            sent.add(envelope);
        }
        return new OtherReplica(sent, publishedButLeft, leftBehind);
    }

    private record Outgoing(byte[] body, AMQP.BasicProperties properties) {
    }

    private static Outgoing outgoing(Envelope envelope) {
        return new Outgoing(CODEC.encode(envelope), new AMQP.BasicProperties.Builder()
                .messageId(envelope.id().toString()).type(envelope.type()).contentType("application/json")
                .deliveryMode(2).correlationId(envelope.correlationId()).build());
    }

    private static Outgoing raw(String body) {
        return new Outgoing(body.getBytes(UTF_8), new AMQP.BasicProperties.Builder().deliveryMode(2)
                .contentType("application/json").build());
    }

    /** Publishes back to back on one channel, waiting for the confirms once at the end: one burst for the consumer. */
    private static void publishInOneBurst(List<Outgoing> messages) throws Exception {
        var config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
        try (var connection = factory.newConnection("bazaar-test-burst");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (Outgoing message : messages) {
                channel.basicPublish(EXCHANGE, "product.created", message.properties(), message.body());
            }
            channel.waitForConfirmsOrDie(Duration.ofSeconds(10).toMillis());
        }
    }

    /** Effects per product, for the products that have any. */
    private static Map<UUID, Long> effectsOf(Collection<UUID> productIds) {
        String ids = productIds.stream().map(UUID::toString).collect(Collectors.joining(","));
        Map<UUID, Long> counts = new HashMap<>();
        for (List<Object> row : TestDatabase.rows("select product_id, count(*) from probe_effect "
                + "where product_id = any(cast(string_to_array(?, ',') as uuid[])) group by product_id", ids)) {
            counts.put(UUID.fromString(String.valueOf(row.get(0))), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    private static boolean allOnce(Map<UUID, Long> counts, Collection<UUID> productIds) {
        return counts.size() == productIds.size() && counts.values().stream().allMatch(count -> count == 1L);
    }

    private static Map<String, Long> copiesById(Collector collector) {
        return collector.messages().stream().collect(Collectors.groupingBy(
                message -> String.valueOf(message.properties().getMessageId()), Collectors.counting()));
    }

    /** Lock requests on {@code table} of this database that are waiting. */
    private static long waitingForLock(String table) {
        return TestDatabase.count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
                + "where not l.granted and c.relname = ? "
                + "and l.database = (select oid from pg_database where datname = current_database())", table);
    }

    /**
     * Deliveries of {@code queue} not acknowledged yet, as rabbitmqctl reports them. Under Dev Services there is no
     * rabbitmqctl next to the broker: 0, and the ready count ({@link TestBroker#depth}) is all that is checked.
     */
    private static long unacknowledged(String queue) throws Exception {
        var vhost = ConfigProvider.getConfig().getOptionalValue("rabbitmq-virtual-host", String.class);
        if (LocalServices.DEV_SERVICES || vhost.isEmpty()) {
            return 0;
        }
        Process process = new ProcessBuilder("rabbitmqctl", "-q", "list_queues", "-p", vhost.get(), "name",
                "messages_unacknowledged").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + output);
        }
        return output.lines().map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length == 2 && fields[0].equals(queue))
                .mapToLong(fields -> Long.parseLong(fields[1])).findFirst()
                .orElseThrow(() -> new IllegalStateException(queue + " missing from rabbitmqctl output: " + output));
    }

    private static Envelope envelope(ProductCreated product) {
        String id = product.productId().toString();
        return TestBroker.envelope(Contracts.PRODUCT_CREATED, product, "probe", id, id);
    }

    private static Envelope inTransaction(Supplier<Uni<Envelope>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}

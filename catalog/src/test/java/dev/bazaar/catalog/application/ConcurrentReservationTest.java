package dev.bazaar.catalog.application;

import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.OrderingCommands.EXCHANGE;
import static dev.bazaar.catalog.testsupport.OrderingCommands.line;
import static dev.bazaar.catalog.testsupport.OrderingCommands.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.catalog.testsupport.CatalogDatabase;
import dev.bazaar.catalog.testsupport.StockRow;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.infra.testing.BatchHandlers;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Reservations racing for the same rows: each runs in its own transaction on its own connection. */
@QuarkusTest
class ConcurrentReservationTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final int ORDERS = 20;

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Inject
    StockCommands commands;

    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        pool = Executors.newFixedThreadPool(ORDERS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentReservesForTheLastUnitsNeverOversell() throws Exception {
        UUID product = createProduct("4.00", 5);
        List<UUID> orders = newOrders();

        try (Collector replies = broker.collect("catalog.events", "stock.reserved", "stock.rejected")) {
            runTogether(orders.stream().map(order -> reserve(order, line(product, 1))).toList());

            assertThat(orders).extracting(CatalogDatabase::reservationStatus)
                    .containsOnly("RESERVED", "REJECTED")
                    .filteredOn("RESERVED"::equals).hasSize(5);
            StockRow stock = CatalogDatabase.stock(product);
            assertThat(stock).isEqualTo(new StockRow(0, 5, 0, 5));
            assertThat(stock.conserved()).isTrue();
            List<Envelope> answers = awaitOneReplyPerOrder(replies, orders);
            assertThat(answers).filteredOn(reply -> reply.type().equals("stock.reserved")).hasSize(5);
        }
    }

    @Test
    void concurrentReservesLockingProductsInOppositeOrderDoNotDeadlock() throws Exception {
        UUID first = createProduct("1.00", 100);
        UUID second = createProduct("2.00", 100);
        List<UUID> orders = newOrders();
        List<Envelope> commands = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            StockLine a = line(first, 1);
            StockLine b = line(second, 2);
            commands.add(i % 2 == 0 ? reserve(orders.get(i), a, b) : reserve(orders.get(i), b, a));
        }

        runTogether(commands);

        assertThat(orders).extracting(CatalogDatabase::reservationStatus).containsOnly("RESERVED");
        assertThat(CatalogDatabase.stock(first)).isEqualTo(new StockRow(80, 20, 0, 100));
        assertThat(CatalogDatabase.stock(second)).isEqualTo(new StockRow(60, 40, 0, 100));
    }

    @Test
    void reservesQueuedOnTheBrokerForTheLastUnitsNeverOversell() {
        UUID product = createProduct("4.00", 5);
        List<UUID> orders = newOrders();

        try (Collector replies = broker.collect("catalog.events", "stock.reserved", "stock.rejected")) {
            orders.forEach(order -> broker.publish(EXCHANGE, reserve(order, line(product, 1))));

            List<Envelope> answers = awaitOneReplyPerOrder(replies, orders);
            assertThat(answers).filteredOn(reply -> reply.type().equals("stock.reserved")).hasSize(5);
            assertThat(answers).filteredOn(reply -> reply.type().equals("stock.rejected")).hasSize(15)
                    .allSatisfy(reply -> assertThat(CODEC.payload(reply, Contracts.STOCK_REJECTED).reason())
                            .endsWith("(wanted 1, have 0)"));
            assertThat(CatalogDatabase.stock(product)).isEqualTo(new StockRow(0, 5, 0, 5));
        }
    }

    /** Starts every reserve at the same moment, each in its own transaction, and waits for all of them. */
    private void runTogether(List<Envelope> reserves) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> results = new ArrayList<>();
        for (Envelope envelope : reserves) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> BatchHandlers.applyAlone(
                            commands::reserve, CODEC.payload(envelope, Contracts.RESERVE_STOCK), envelope));
                } catch (Throwable failure) {
                    throw new IllegalStateException("reserve of order " + envelope.correlationId() + " failed",
                            failure);
                }
            }));
        }
        start.countDown();
        for (Future<Void> result : results) {
            result.get(60, TimeUnit.SECONDS);
        }
    }

    private static List<Envelope> awaitOneReplyPerOrder(Collector replies, List<UUID> orders) {
        Set<String> ids = orders.stream().map(UUID::toString).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> replies.envelopes().stream()
                .filter(reply -> ids.contains(reply.correlationId())).count() >= orders.size());
        List<Envelope> answers = replies.envelopes().stream().filter(reply -> ids.contains(reply.correlationId()))
                .toList();
        assertThat(answers).extracting(Envelope::correlationId).doesNotHaveDuplicates();
        return answers;
    }

    private static List<UUID> newOrders() {
        return IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();
    }
}

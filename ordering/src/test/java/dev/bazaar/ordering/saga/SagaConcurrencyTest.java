package dev.bazaar.ordering.saga;

import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.testing.BatchHandlers;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/** Replies racing each other and the deadline sweeper never corrupt an order or double an effect. */
@QuarkusTest
class SagaConcurrencyTest {

    @RegisterExtension
    static final Participants participants = new Participants();

    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    DeadlineSweeper sweeper;

    @Inject
    SagaReplies replies;

    @Inject
    Instance<MessageRoutes> queues;

    @Inject
    Pool pool;

    private final UUID customer = UUID.randomUUID();

    @Test
    void creditReservedPublishedFiveTimesAtOnceCommitsStockAndCapturesCreditOnce() {
        UUID orderId = stockReservedOrder();
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        CreditReserved reply = new CreditReserved(orderId, customer,
                Participants.payload(reserveCredit, Contracts.RESERVE_CREDIT).amount());
        List<Envelope> copies = IntStream.range(0, 5).mapToObj(i -> Participants.envelopeFor(Participants.USER,
                reserveCredit, Contracts.CREDIT_RESERVED, reply)).toList();

        CompletableFuture.allOf(copies.stream()
                .map(copy -> CompletableFuture.runAsync(() -> participants.publish(Participants.USER, copy)))
                .toArray(CompletableFuture[]::new)).join();

        awaitStatus(customer, orderId, "CONFIRMED");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> OrderingDatabase.stepsNamed(orderId, "ignored credit.reserved") == 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                participants.sent(orderId, Contracts.COMMIT_STOCK).size() == 1
                        && participants.sent(orderId, Contracts.CAPTURE_CREDIT).size() == 1
                        && participants.sent(orderId, Contracts.ORDER_CONFIRMED).size() == 1);
        assertThat(OrderingDatabase.stepsNamed(orderId, "STOCK_RESERVED -> CONFIRMED")).isEqualTo(1);
    }

    @Test
    void competingReplicasApplyingCopiesOfOneReplyAtOnceConfirmTheOrderOnce() {
        UUID orderId = stockReservedOrder();
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        awaitStatus(customer, orderId, "STOCK_RESERVED");
        CreditReserved reply = new CreditReserved(orderId, customer,
                Participants.payload(reserveCredit, Contracts.RESERVE_CREDIT).amount());

        // each copy in its own transaction, all at once, as five replicas would (no inbox: the ids differ anyway)
        CompletableFuture.allOf(IntStream.range(0, 5)
                .mapToObj(i -> Participants.envelopeFor(Participants.USER, reserveCredit, Contracts.CREDIT_RESERVED,
                        reply))
                .map(copy -> CompletableFuture.runAsync(() -> inVertx(
                        () -> BatchHandlers.applyAlone(replies::creditReserved, reply, copy))))
                .toArray(CompletableFuture[]::new)).join();

        assertThat(OrderingDatabase.status(orderId)).isEqualTo("CONFIRMED");
        assertThat(OrderingDatabase.stepsNamed(orderId, "STOCK_RESERVED -> CONFIRMED")).isEqualTo(1);
        assertThat(OrderingDatabase.stepsNamed(orderId, "ignored credit.reserved")).isEqualTo(4);
        assertThat(OrderingDatabase.stepsNamed(orderId, "sent stock.commit")).isEqualTo(1);
        assertThat(OrderingDatabase.stepsNamed(orderId, "sent credit.capture")).isEqualTo(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> participants.sent(orderId, Contracts.COMMIT_STOCK).size() == 1);
    }

    @Test
    void onlyOneReplicaSweepsAtATime() throws Exception {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        try (Connection otherReplica = OrderingDatabase.connect();
                Statement statement = otherReplica.createStatement()) {
            // another replica is sweeping: it holds the sweep lock (same key space as the sweeper's xact lock)
            statement.execute("select pg_advisory_lock(" + OrderRepository.SWEEP_LOCK_KEY + ")");
            OrderingDatabase.expireDeadline(orderId);

            assertThat(inVertx(() -> sweeper.sweep())).isZero();
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> "PENDING".equals(OrderingDatabase.status(orderId)));

            statement.execute("select pg_advisory_unlock(" + OrderRepository.SWEEP_LOCK_KEY + ")");
        }
        awaitStatus(customer, orderId, "REJECTED");
        participants.awaitSent(orderId, Contracts.RELEASE_STOCK);
    }

    @Test
    void repliesRacingTheSweeperLeaveEveryOrderConsistent() {
        List<UUID> orders = IntStream.range(0, 6).mapToObj(i -> stockReservedOrder()).toList();
        List<Envelope> reserves = orders.stream()
                .map(orderId -> participants.awaitSent(orderId, Contracts.RESERVE_CREDIT)).toList();
        orders.forEach(orderId -> awaitStatus(customer, orderId, "STOCK_RESERVED"));
        orders.forEach(OrderingDatabase::expireDeadline);

        List<CompletableFuture<?>> racing = new ArrayList<>();
        reserves.forEach(reserve -> racing.add(CompletableFuture.runAsync(() -> participants.creditReserved(reserve))));
        IntStream.range(0, 4).forEach(i -> racing.add(CompletableFuture.runAsync(this::sweepOnce)));
        CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).join();

        for (UUID orderId : orders) {
            await().atMost(Duration.ofSeconds(15)).until(() -> isSettled(orderId));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> isSettled(orderId));
        }
        assertThat(orders).allSatisfy(orderId -> assertThat(OrderingDatabase.status(orderId))
                .isIn("CONFIRMED", "REJECTED"));
    }

    /**
     * CONFIRMED: stock committed and credit captured once, nothing released. REJECTED (the deadline won): nothing
     * committed, the stock released once, the credit released twice (at the timeout and again for the late hold).
     */
    private boolean isSettled(UUID orderId) {
        String status = OrderingDatabase.status(orderId);
        int commits = participants.sent(orderId, Contracts.COMMIT_STOCK).size();
        int captures = participants.sent(orderId, Contracts.CAPTURE_CREDIT).size();
        int stockReleases = participants.sent(orderId, Contracts.RELEASE_STOCK).size();
        int creditReleases = participants.sent(orderId, Contracts.RELEASE_CREDIT).size();
        if ("CONFIRMED".equals(status)) {
            return commits == 1 && captures == 1 && stockReleases == 0 && creditReleases == 0;
        }
        if ("REJECTED".equals(status)) {
            return commits == 0 && captures == 0 && stockReleases == 1 && creditReleases == 2;
        }
        return false;
    }

    @Test
    void theBatchLockHoldsEveryOrderThatTheBatchsRepliesNameUntilItsTransactionEnds() throws Throwable {
        UUID first = placeOrder(customer, line(UUID.randomUUID(), 1));
        UUID second = placeOrder(customer, line(UUID.randomUUID(), 1));
        // a batch of two reply types on each reply queue, locked as the queue declares it (its routes' lock keys)
        Map<String, List<Received<?>>> batches = Map.of(
                "ordering.stock-replies", List.of(
                        received(Contracts.STOCK_RELEASED, new StockReleased(second, List.of())),
                        received(Contracts.STOCK_REJECTED, new StockRejected(first, "out of stock", List.of()))),
                "ordering.credit-replies", List.of(
                        received(Contracts.CREDIT_RELEASED, new CreditReleased(first, customer, BigDecimal.ONE)),
                        received(Contracts.CREDIT_REJECTED, new CreditRejected(second, customer,
                                "insufficient credit", BigDecimal.TEN, BigDecimal.ONE))));

        for (Map.Entry<String, List<Received<?>>> batch : batches.entrySet()) {
            MessageRoutes queue = queues.stream().filter(routes -> routes.queue().equals(batch.getKey()))
                    .findFirst().orElseThrow();
            List<String> whileLocked = VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(
                    transaction -> queue.lock(transaction, batch.getValue()).chain(() -> Uni.createFrom()
                            .item(() -> List.of(tryLock(first), tryLock(second), tryLock(UUID.randomUUID())))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))));

            assertThat(whileLocked).as(batch.getKey()).containsExactly("busy", "busy", "free");
            assertThat(List.of(tryLock(first), tryLock(second))).as(batch.getKey()).containsExactly("free", "free");
        }
    }

    /** Tries to lock the order's row from another connection without waiting. */
    private static String tryLock(UUID orderId) {
        try (Connection connection = OrderingDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("select id from orders where id = '" + orderId + "' for update nowait");
            return "free";
        } catch (java.sql.SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return "busy";
            }
            throw new IllegalStateException(e);
        }
    }

    private static <P> Received<?> received(MessageType<P> type, P payload) {
        return new Received<>(payload, CODEC.wrap(type, payload, "catalog", payload.toString(), UUID.randomUUID()
                .toString(), null));
    }

    private void sweepOnce() {
        inVertx(() -> sweeper.sweep());
    }

    private static <T> T inVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID stockReservedOrder() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 2), line(UUID.randomUUID(), 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "12.50", "95.00");
        return orderId;
    }
}

package dev.bazaar.catalog.application;

import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.OrderingCommands.line;
import static dev.bazaar.catalog.testsupport.OrderingCommands.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.infra.testing.BatchHandlers;
import dev.bazaar.infra.testing.RabbitMqExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Two batches of two command types each (a commit, then a reserve), applied at the same time as two consumers of the
 * queue (or two replicas) apply them, each on its own connection, their products crossing: each commit holds the
 * product the other batch's reserve wants. Each batch runs its handlers as infra does, the commit's writes sent
 * before the reserve starts, and waits (at most 2 s) for the other batch to reach its reserve too.
 */
@QuarkusTest
class MixedBatchLockTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Inject
    StockCommands commands;

    /** The queue as catalog declares it: its batch lock over the rows its routes name. */
    @Inject
    MessageRoutes stockCommands;

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    private ExecutorService threads;
    private UUID first;
    private UUID second;
    private UUID heldOnFirst;
    private UUID heldOnSecond;

    @BeforeEach
    void twoOrdersHoldingTwoProducts() throws Throwable {
        threads = Executors.newFixedThreadPool(2);
        first = createProduct("1.00", 10);
        second = createProduct("2.00", 10);
        heldOnFirst = UUID.randomUUID();
        heldOnSecond = UUID.randomUUID();
        reserveAlone(heldOnFirst, first);
        reserveAlone(heldOnSecond, second);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void lockedFirstTheCrossingBatchesBothCommitAndStockIsConserved() throws Exception {
        UUID onSecond = UUID.randomUUID();
        UUID onFirst = UUID.randomUUID();

        List<Throwable> failures = applyTogether(true, onSecond, onFirst);

        assertThat(failures).containsOnlyNulls();
        assertThat(CatalogDatabase.reservationStatus(heldOnFirst)).isEqualTo("COMMITTED");
        assertThat(CatalogDatabase.reservationStatus(heldOnSecond)).isEqualTo("COMMITTED");
        assertThat(CatalogDatabase.reservationStatus(onSecond)).isEqualTo("RESERVED");
        assertThat(CatalogDatabase.reservationStatus(onFirst)).isEqualTo("RESERVED");
        // each product: 1 sold by the commit, 1 reserved by the other batch's reserve
        assertThat(CatalogDatabase.stock(first)).isEqualTo(new StockRow(8, 1, 1, 10));
        assertThat(CatalogDatabase.stock(second)).isEqualTo(new StockRow(8, 1, 1, 10));
    }

    @Test
    void withoutTheBatchLockTheSameBatchesDeadlockAndOneIsRolledBack() throws Exception {
        List<Throwable> failures = applyTogether(false, UUID.randomUUID(), UUID.randomUUID());

        // why the batch lock exists: PostgreSQL breaks the cycle by failing one of the two transactions
        assertThat(failures).filteredOn(failure -> failure != null).singleElement()
                .satisfies(failure -> assertThat(innermost(failure)).hasMessageContaining("deadlock detected"));
    }

    /** Batch A commits the order holding the first product and reserves the second; batch B the other way round. */
    private List<Throwable> applyTogether(boolean lockFirst, UUID reserveSecond, UUID reserveFirst)
            throws Exception {
        CountDownLatch bothCommitted = new CountDownLatch(2);
        List<Future<Throwable>> results = new ArrayList<>();
        results.add(threads.submit(() -> mixedBatch(lockFirst, heldOnFirst, reserveSecond, second, bothCommitted)));
        results.add(threads.submit(() -> mixedBatch(lockFirst, heldOnSecond, reserveFirst, first, bothCommitted)));
        List<Throwable> failures = new ArrayList<>();
        for (Future<Throwable> result : results) {
            failures.add(result.get(60, TimeUnit.SECONDS));
        }
        return failures;
    }

    private Throwable mixedBatch(boolean lockFirst, UUID commitOrder, UUID reserveOrder, UUID product,
            CountDownLatch bothCommitted) {
        Received<CommitStock> commit = received(Contracts.COMMIT_STOCK, new CommitStock(commitOrder));
        Envelope reserveEnvelope = reserve(reserveOrder, line(product, 1));
        Received<ReserveStock> reserve = new Received<>(CODEC.payload(reserveEnvelope, Contracts.RESERVE_STOCK),
                reserveEnvelope);
        OutboxBatch written = outbox.batch();
        try {
            VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(transaction ->
                    (lockFirst ? stockCommands.lock(transaction, List.of(commit, reserve))
                            : Uni.createFrom().voidItem())
                            .chain(() -> commands.commit(transaction, List.of(commit), written))
                            .chain(() -> Uni.join().all(written.takeWrites()).andFailFast())
                            .chain(() -> awaitOther(bothCommitted))
                            .chain(() -> commands.reserve(transaction, List.of(reserve), written))
                            .chain(() -> send(written.lastWrites(transaction)))));
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    private static Uni<Void> awaitOther(CountDownLatch bothCommitted) {
        bothCommitted.countDown();
        return Uni.createFrom().item(() -> {
            try {
                bothCommitted.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    private static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Uni<Void> send(List<Uni<Void>> writes) {
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private void reserveAlone(UUID order, UUID product) throws Throwable {
        Envelope envelope = reserve(order, line(product, 1));
        VertxContextSupport.subscribeAndAwait(() -> BatchHandlers.applyAlone(commands::reserve,
                CODEC.payload(envelope, Contracts.RESERVE_STOCK), envelope));
        assertThat(CatalogDatabase.reservationStatus(order)).isEqualTo("RESERVED");
    }

    private static <P> Received<P> received(dev.bazaar.events.MessageType<P> type, P payload) {
        Envelope envelope = CODEC.wrap(type, payload, "ordering", "order", UUID.randomUUID().toString(), null);
        return new Received<>(payload, envelope);
    }
}

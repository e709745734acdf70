package dev.bazaar.infra.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.infra.testing.LocalServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * A queue's {@link BatchLock} on the real PostgreSQL: a batch of several message types has it lock the rows of all
 * its messages once, before any handler runs; a batch of one type, whose one handler locks once, goes without it.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class BatchLockTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    SqlBatch sqlBatch;

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    MessageRoutes routes;

    @BeforeEach
    void routes() {
        calls.clear();
        routes = MessageRoutes.builder("batch-lock-" + UUID.randomUUID(), "batch-lock.in")
                .<UUID>lockFirst((transaction, keys) -> transaction.query("select 1").execute()
                        .invoke(() -> calls.add("lock " + sorted(keys))).replaceWithVoid())
                .onBatch(Contracts.RESERVE_STOCK, (transaction, messages, outbox) -> record("reserve", messages),
                        (reserve, keys) -> reserve.lines().forEach(line -> keys.accept(line.productId())))
                .onBatch(Contracts.COMMIT_STOCK, (transaction, messages, outbox) -> record("commit", messages),
                        LockKeys.one(CommitStock::orderId))
                .build();
    }

    @Test
    void aBatchOfTwoTypesLocksTheRowsOfAllItsMessagesOnceBeforeItsHandlersRun() throws Throwable {
        UUID firstProduct = UUID.randomUUID();
        UUID secondProduct = UUID.randomUUID();
        UUID committedOrder = UUID.randomUUID();
        DecodedMessage reserve = message(Contracts.RESERVE_STOCK, new ReserveStock(UUID.randomUUID(),
                List.of(new StockLine(firstProduct, 1))));
        DecodedMessage commit = message(Contracts.COMMIT_STOCK, new CommitStock(committedOrder));
        DecodedMessage secondReserve = message(Contracts.RESERVE_STOCK, new ReserveStock(UUID.randomUUID(),
                List.of(new StockLine(secondProduct, 2), new StockLine(firstProduct, 1))));

        apply(List.of(reserve, commit, secondReserve));

        // the rows every route's lock keys name, each once
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).isEqualTo("lock " + sorted(List.of(firstProduct, secondProduct, committedOrder)));
        assertThat(calls.subList(1, 3)).containsExactlyInAnyOrder(
                "reserve " + ids(List.of(reserve, secondReserve).stream()
                        .map(message -> message.route().received(CODEC, message.envelope())).toList()),
                "commit " + commit.envelope().id());
    }

    @Test
    void aBatchOfOneTypeRunsItsHandlerWithoutTheBatchLock() throws Throwable {
        DecodedMessage first = message(Contracts.COMMIT_STOCK, new CommitStock(UUID.randomUUID()));
        DecodedMessage second = message(Contracts.COMMIT_STOCK, new CommitStock(UUID.randomUUID()));

        apply(List.of(first, second));

        assertThat(calls).containsExactly("commit " + ids(List.of(first, second).stream()
                .map(message -> message.route().received(CODEC, message.envelope())).toList()));
    }

    @Test
    void onAQueueWithABatchLockEveryRouteNamesItsRowsAndTheLockComesFirst() {
        BatchLock<UUID> lock = (transaction, keys) -> Uni.createFrom().voidItem();
        MessageRoutes.Builder builder = MessageRoutes.builder("keys", "keys.in");
        builder.lockFirst(lock).onBatch(Contracts.COMMIT_STOCK, (transaction, messages, outbox) -> null,
                LockKeys.one(CommitStock::orderId));
        // a route added around the typed builder, without lock keys, is refused when the queue is built
        builder.onBatch(Contracts.RELEASE_STOCK, (transaction, messages, outbox) -> null);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys.in").hasMessageContaining("without lock keys");

        MessageRoutes.Builder late = MessageRoutes.builder("late", "late.in")
                .onBatch(Contracts.COMMIT_STOCK, (transaction, messages, outbox) -> null);
        assertThatThrownBy(() -> late.lockFirst(lock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before its routes");

        MessageRoutes.Builder twice = MessageRoutes.builder("twice", "twice.in");
        twice.lockFirst(lock);
        assertThatThrownBy(() -> twice.lockFirst(lock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has a batch lock already");
    }

    private void apply(List<DecodedMessage> batch) throws Throwable {
        Integer duplicates = VertxContextSupport.subscribeAndAwait(() -> sqlBatch.apply(routes, batch)
                .ifNoItem().after(WAIT).fail());
        assertThat(duplicates).isZero();
    }

    private Uni<Void> record(String handler, List<? extends Received<?>> messages) {
        calls.add(handler + " " + ids(messages));
        return Uni.createFrom().voidItem();
    }

    private static String sorted(java.util.Collection<UUID> keys) {
        return String.join(",", keys.stream().map(UUID::toString).sorted().toList()) + " (" + keys.size() + ")";
    }

    private static String ids(List<? extends Received<?>> messages) {
        return String.join(",", messages.stream().map(message -> message.envelope().id().toString()).sorted()
                .toList());
    }

    private <P> DecodedMessage message(MessageType<P> type, P payload) {
        Envelope envelope = CODEC.wrap(type, payload, "ordering", "order", UUID.randomUUID().toString(), null);
        return new DecodedMessage(new InboundDelivery(1, new byte[0], null), envelope,
                routes.route(envelope).orElseThrow());
    }
}

package dev.bazaar.infra.inbox;

import static org.assertj.core.api.Assertions.assertThat;

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
                .onBatch(Contracts.RESERVE_STOCK, (transaction, messages, outbox) -> record("reserve", messages))
                .onBatch(Contracts.COMMIT_STOCK, (transaction, messages, outbox) -> record("commit", messages))
                .lockFirst((transaction, messages) -> transaction.query("select 1").execute()
                        .invoke(() -> calls.add("lock " + ids(messages))).replaceWithVoid())
                .build();
    }

    @Test
    void aBatchOfTwoTypesLocksTheRowsOfAllItsMessagesOnceBeforeItsHandlersRun() throws Throwable {
        DecodedMessage reserve = message(Contracts.RESERVE_STOCK, new ReserveStock(UUID.randomUUID(),
                List.of(new StockLine(UUID.randomUUID(), 1))));
        DecodedMessage commit = message(Contracts.COMMIT_STOCK, new CommitStock(UUID.randomUUID()));
        DecodedMessage secondReserve = message(Contracts.RESERVE_STOCK, new ReserveStock(UUID.randomUUID(),
                List.of(new StockLine(UUID.randomUUID(), 2))));

        apply(List.of(reserve, commit, secondReserve));

        String all = ids(List.of(reserve, commit, secondReserve).stream()
                .map(message -> message.route().received(CODEC, message.envelope())).toList());
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).startsWith("lock ").isEqualTo("lock " + all);
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

    private void apply(List<DecodedMessage> batch) throws Throwable {
        Integer duplicates = VertxContextSupport.subscribeAndAwait(() -> sqlBatch.apply(routes, batch)
                .ifNoItem().after(WAIT).fail());
        assertThat(duplicates).isZero();
    }

    private Uni<Void> record(String handler, List<? extends Received<?>> messages) {
        calls.add(handler + " " + ids(messages));
        return Uni.createFrom().voidItem();
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

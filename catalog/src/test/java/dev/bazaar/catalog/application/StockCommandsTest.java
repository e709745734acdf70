package dev.bazaar.catalog.application;

import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.OrderingCommands.EXCHANGE;
import static dev.bazaar.catalog.testsupport.OrderingCommands.commit;
import static dev.bazaar.catalog.testsupport.OrderingCommands.line;
import static dev.bazaar.catalog.testsupport.OrderingCommands.release;
import static dev.bazaar.catalog.testsupport.OrderingCommands.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.catalog.testsupport.CatalogApi;
import dev.bazaar.catalog.testsupport.CatalogDatabase;
import dev.bazaar.catalog.testsupport.StockRow;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.ShortLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** The saga commands from ordering, sent through the broker as ordering would send them. */
@QuarkusTest
class StockCommandsTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final String DLQ = "catalog.stock-commands.dlq";

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    private Collector replies;

    @BeforeEach
    void watchReplies() {
        replies = broker.collect("catalog.events", "stock.*");
    }

    @Test
    void reserveHoldsEveryLineAndRepliesWithCatalogPricesAndTotal() {
        UUID cup = createProduct("CUP-" + UUID.randomUUID(), "Cup", "12.50", 10);
        UUID saucer = createProduct("SAUCER-" + UUID.randomUUID(), "Saucer", "3.20", 5);
        UUID orderId = UUID.randomUUID();
        Envelope command = reserve(orderId, line(cup, 2), line(saucer, 3));

        broker.publish(EXCHANGE, command);

        Envelope reply = awaitReply(orderId, "stock.reserved");
        assertThat(reply.correlationId()).isEqualTo(orderId.toString());
        assertThat(reply.causationId()).isEqualTo(command.id());
        assertThat(reply.aggregateId()).isEqualTo(orderId.toString());
        StockReserved reserved = CODEC.payload(reply, Contracts.STOCK_RESERVED);
        assertThat(reserved.lines()).containsExactly(
                new ReservedLine(cup, CatalogApi.skuOf(cup), 2, new BigDecimal("12.50")),
                new ReservedLine(saucer, CatalogApi.skuOf(saucer), 3, new BigDecimal("3.20")));
        assertThat(reserved.total()).isEqualTo(new BigDecimal("34.60"));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(8, 2, 0, 10));
        assertThat(CatalogDatabase.stock(saucer)).isEqualTo(new StockRow(2, 3, 0, 5));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isEqualTo("RESERVED");
    }

    @Test
    void reserveWithAnyShortLineIsRejectedNamingEveryShortLineAndReservesNothing() {
        UUID cup = createProduct("10.00", 10);
        UUID saucer = createProduct("2.00", 1);
        UUID unknown = UUID.randomUUID();
        String saucerSku = CatalogApi.skuOf(saucer);
        UUID orderId = UUID.randomUUID();

        broker.publish(EXCHANGE, reserve(orderId, line(cup, 1), line(saucer, 3), line(unknown, 2)));

        StockRejected rejected = CODEC.payload(awaitReply(orderId, "stock.rejected"), Contracts.STOCK_REJECTED);
        assertThat(rejected.reason())
                .isEqualTo("out of stock: " + saucerSku + " (wanted 3, have 1); unknown product: " + unknown);
        assertThat(rejected.shortLines()).containsExactly(new ShortLine(saucer, saucerSku, 3, 1),
                new ShortLine(unknown, null, 2, 0));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(10, 0, 0, 10));
        assertThat(CatalogDatabase.stock(saucer)).isEqualTo(new StockRow(1, 0, 0, 1));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isEqualTo("REJECTED");
        assertThat(CatalogDatabase.reservationLines(orderId)).isZero();
    }

    @Test
    void linesOfTheSameProductAreAddedUpBeforeCheckingStock() {
        UUID cup = createProduct("10.00", 3);
        UUID orderId = UUID.randomUUID();

        broker.publish(EXCHANGE, reserve(orderId, line(cup, 2), line(cup, 2)));

        StockRejected rejected = CODEC.payload(awaitReply(orderId, "stock.rejected"), Contracts.STOCK_REJECTED);
        assertThat(rejected.shortLines()).containsExactly(new ShortLine(cup, CatalogApi.skuOf(cup), 4, 3));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(3, 0, 0, 3));
    }

    @Test
    void duplicateDeliveryOfTheSameMessageHasOneEffectAndOneReply() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        Envelope command = reserve(orderId, line(cup, 4));

        broker.publish(EXCHANGE, command);
        broker.publish(EXCHANGE, command);
        awaitMarkerBehindEarlierCommands();

        assertThat(repliesFor(orderId)).hasSize(1);
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(6, 4, 0, 10));
    }

    @Test
    void secondReserveForTheSameOrderRepliesTheRecordedOutcomeWithoutASecondEffect() {
        UUID cup = createProduct("2.50", 10);
        UUID orderId = UUID.randomUUID();

        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));
        Envelope first = awaitReply(orderId, "stock.reserved");
        CatalogApi.asAdmin().body(Map.of("price", "9.99")).put("/products/{id}/price", cup)
                .then().statusCode(200);
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));

        await().until(() -> repliesFor(orderId).size() == 2);
        Envelope second = repliesFor(orderId).get(1);
        assertThat(second.type()).isEqualTo("stock.reserved");
        assertThat(CODEC.payload(second, Contracts.STOCK_RESERVED)).as("the recorded prices, not the new one")
                .isEqualTo(CODEC.payload(first, Contracts.STOCK_RESERVED));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(6, 4, 0, 10));
    }

    @Test
    void secondReserveForARejectedOrderIsRejectedAgainEvenAfterRestock() {
        UUID cup = createProduct("2.50", 1);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 3)));
        StockRejected first = CODEC.payload(awaitReply(orderId, "stock.rejected"), Contracts.STOCK_REJECTED);

        CatalogApi.restock(cup, 10);
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 3)));

        await().until(() -> repliesFor(orderId).size() == 2);
        Envelope second = repliesFor(orderId).get(1);
        assertThat(second.type()).isEqualTo("stock.rejected");
        assertThat(CODEC.payload(second, Contracts.STOCK_REJECTED)).isEqualTo(first);
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(11, 0, 0, 11));
    }

    @Test
    void releaseReturnsReservedStock() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));
        awaitReply(orderId, "stock.reserved");

        broker.publish(EXCHANGE, release(orderId));

        StockReleased released = CODEC.payload(awaitReply(orderId, "stock.released"), Contracts.STOCK_RELEASED);
        assertThat(released.returnedLines()).containsExactly(new StockLine(cup, 4));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(10, 0, 0, 10));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isEqualTo("RELEASED");
    }

    @Test
    void repeatedReleaseRepliesReleasedWithNothingReturned() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));
        awaitReply(orderId, "stock.reserved");
        broker.publish(EXCHANGE, release(orderId));
        broker.publish(EXCHANGE, release(orderId));

        await().until(() -> repliesFor(orderId).size() == 3);
        List<StockReleased> released = repliesFor(orderId).subList(1, 3).stream()
                .map(reply -> CODEC.payload(reply, Contracts.STOCK_RELEASED)).toList();
        assertThat(released).extracting(StockReleased::returnedLines)
                .containsExactly(List.of(new StockLine(cup, 4)), List.of());
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(10, 0, 0, 10));
    }

    @Test
    void releaseOfAnUnknownOrderRepliesReleasedWithNothingAndALateReserveIsRejected() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();

        broker.publish(EXCHANGE, release(orderId));

        StockReleased released = CODEC.payload(awaitReply(orderId, "stock.released"), Contracts.STOCK_RELEASED);
        assertThat(released.returnedLines()).isEmpty();

        broker.publish(EXCHANGE, reserve(orderId, line(cup, 1)));
        StockRejected late = CODEC.payload(awaitReply(orderId, "stock.rejected"), Contracts.STOCK_REJECTED);
        assertThat(late.reason()).contains("released before");
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(10, 0, 0, 10));
    }

    @Test
    void commitTurnsReservedStockIntoSoldAndRepeatingItIsANoOp() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));
        awaitReply(orderId, "stock.reserved");

        Envelope firstCommit = commit(orderId);
        Envelope secondCommit = commit(orderId);
        broker.publish(EXCHANGE, firstCommit);
        broker.publish(EXCHANGE, secondCommit);

        await().until(() -> TestDatabase.handled(firstCommit.id()) && TestDatabase.handled(secondCommit.id()));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(6, 0, 4, 10));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isEqualTo("COMMITTED");
        assertThat(repliesFor(orderId)).as("commit has no reply").hasSize(1);
    }

    @Test
    void reserveAndCommitOfOneOrderInOneBatchLeaveItsStockSold() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        Envelope reserve = reserve(orderId, line(cup, 4));
        Envelope commit = commit(orderId);

        broker.publishTogether(EXCHANGE, reserve, commit);

        await().until(() -> TestDatabase.handled(reserve.id()) && TestDatabase.handled(commit.id()));
        // one transaction claimed both: the commit's handler read the reservation that the reserve's handler wrote
        // in the same batch, before its commit
        assertThat(TestDatabase.count("select count(distinct xmin::text) from inbox_message "
                + "where message_id in (?, ?)", reserve.id(), commit.id()))
                .as("transactions that claimed the two commands").isEqualTo(1);
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(6, 0, 4, 10));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isEqualTo("COMMITTED");
    }

    @Test
    void commitOfAnUnknownOrderIsANoOp() {
        UUID orderId = UUID.randomUUID();
        Envelope command = commit(orderId);

        broker.publish(EXCHANGE, command);

        await().until(() -> TestDatabase.handled(command.id()));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isNull();
    }

    @Test
    void releaseAfterCommitReturnsTheSoldStock() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));
        awaitReply(orderId, "stock.reserved");
        Envelope commit = commit(orderId);
        broker.publish(EXCHANGE, commit);
        await().until(() -> TestDatabase.handled(commit.id()));

        broker.publish(EXCHANGE, release(orderId));

        StockReleased released = CODEC.payload(awaitReply(orderId, "stock.released"), Contracts.STOCK_RELEASED);
        assertThat(released.returnedLines()).containsExactly(new StockLine(cup, 4));
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(10, 0, 0, 10));
        assertThat(CatalogDatabase.reservationStatus(orderId)).isEqualTo("RETURNED");
    }

    @Test
    void commitOfAReleasedReservationIsDeadLetteredWithTheReason() {
        UUID cup = createProduct("1.00", 10);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 4)));
        awaitReply(orderId, "stock.reserved");
        broker.publish(EXCHANGE, release(orderId));
        awaitReply(orderId, "stock.released");
        Envelope lateCommit = commit(orderId);

        broker.publish(EXCHANGE, lateCommit);

        ReceivedMessage parked = awaitDeadLetter(lateCommit.id());
        assertThat(parked.header(DeadLetters.REASON)).startsWith("rejected by handler:").contains("RELEASED");
        assertThat(CatalogDatabase.stock(cup)).isEqualTo(new StockRow(10, 0, 0, 10));
    }

    private void awaitMarkerBehindEarlierCommands() {
        UUID marker = UUID.randomUUID();
        broker.publish(EXCHANGE, release(marker));
        awaitReply(marker, "stock.released");
    }

    private Envelope awaitReply(UUID orderId, String type) {
        return replies.awaitEnvelope(envelope -> envelope.correlationId().equals(orderId.toString())
                && envelope.type().equals(type));
    }

    private List<Envelope> repliesFor(UUID orderId) {
        return replies.envelopes().stream()
                .filter(envelope -> envelope.correlationId().equals(orderId.toString()))
                .toList();
    }

    private ReceivedMessage awaitDeadLetter(UUID messageId) {
        List<ReceivedMessage> parked = new ArrayList<>();
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            parked.addAll(broker.drain(DLQ));
            return parked.stream()
                    .filter(message -> messageId.toString().equals(message.properties().getMessageId()))
                    .findFirst();
        }, Optional::isPresent).orElseThrow();
    }
}

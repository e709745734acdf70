package dev.bazaar.ordering.saga;

import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.place;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static dev.bazaar.ordering.testsupport.OrderingApi.stepNames;
import static dev.bazaar.ordering.testsupport.Participants.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The saga end to end over the real broker and database, with the test playing catalog and user. */
@QuarkusTest
class SagaFlowTest {

    private static final UUID CUP = UUID.randomUUID();
    private static final UUID KETTLE = UUID.randomUUID();

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void placedOrderIsPendingAndAsksCatalogToReserveItsStock() {
        var response = place(customer, line(CUP, 2), line(KETTLE, 1), line(CUP, 1)).statusCode(202).extract();
        String id = response.path("id");
        UUID orderId = UUID.fromString(id);
        assertThat(response.header("Location")).endsWith("/orders/" + id);
        assertThat(response.<String>path("status")).isEqualTo("PENDING");
        assertThat(response.<List<String>>path("steps.step")).containsExactly("order placed", "sent stock.reserve");

        Envelope reserve = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);

        assertThat(payload(reserve, Contracts.RESERVE_STOCK).lines())
                .containsExactly(new StockLine(CUP, 3), new StockLine(KETTLE, 1));
        assertThat(reserve.source()).isEqualTo("ordering");
        assertThat(reserve.aggregateId()).isEqualTo(id);
        assertThat(reserve.causationId()).isNull();
        JsonPath view = awaitStatus(customer, orderId, "PENDING");
        assertThat(view.getString("customerId")).isEqualTo(customer.toString());
        assertThat(view.getList("lines.sku")).containsOnlyNulls();
        assertThat(stepNames(view)).containsExactly("order placed", "sent stock.reserve");
        assertThat(view.getString("steps[1].messageId")).isEqualTo(reserve.id().toString());
    }

    @Test
    void reservedStockAsksUserForCatalogsTotalAndReservedCreditConfirmsTheOrder() {
        UUID orderId = placeOrder(customer, line(CUP, 2), line(KETTLE, 1));
        Envelope reserveStock = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);

        Envelope stockReserved = participants.stockReserved(reserveStock, "12.50", "95.00");
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        assertThat(payload(reserveCredit, Contracts.RESERVE_CREDIT).amount()).isEqualByComparingTo("120.00");
        assertThat(payload(reserveCredit, Contracts.RESERVE_CREDIT).customerId()).isEqualTo(customer);
        assertThat(reserveCredit.causationId()).isEqualTo(stockReserved.id());
        JsonPath reserved = awaitStatus(customer, orderId, "STOCK_RESERVED");
        assertThat(reserved.getString("total")).isEqualTo("120.00");
        assertThat(reserved.getList("lines.unitPrice")).containsExactly("12.50", "95.00");
        assertThat(reserved.getList("lines.sku")).containsExactly("SKU-0", "SKU-1");

        Envelope creditReserved = participants.creditReserved(reserveCredit);
        JsonPath confirmed = awaitStatus(customer, orderId, "CONFIRMED");

        Envelope commit = participants.awaitSent(orderId, Contracts.COMMIT_STOCK);
        Envelope capture = participants.awaitSent(orderId, Contracts.CAPTURE_CREDIT);
        Envelope announced = participants.awaitSent(orderId, Contracts.ORDER_CONFIRMED);
        assertThat(List.of(commit, capture, announced)).extracting(Envelope::causationId)
                .containsOnly(creditReserved.id());
        assertThat(payload(announced, Contracts.ORDER_CONFIRMED).total()).isEqualByComparingTo("120.00");
        assertThat(confirmed.getString("rejectionReason")).isNull();
        assertThat(stepNames(confirmed)).containsExactly(
                "order placed", "sent stock.reserve",
                "received stock.reserved", "PENDING -> STOCK_RESERVED", "sent credit.reserve",
                "received credit.reserved", "STOCK_RESERVED -> CONFIRMED",
                "sent stock.commit", "sent credit.capture", "sent order.confirmed");
        assertThat(confirmed.getString("steps[2].messageId")).isEqualTo(stockReserved.id().toString());
    }

    @Test
    void rejectedStockRejectsTheOrderWithCatalogsReason() {
        UUID orderId = placeOrder(customer, line(CUP, 3));
        Envelope reserve = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);

        participants.stockRejected(reserve, "out of stock: SKU-12 (wanted 3, have 1)");

        JsonPath view = awaitStatus(customer, orderId, "REJECTED");
        assertThat(view.getString("rejectionReason")).isEqualTo("out of stock: SKU-12 (wanted 3, have 1)");
        Envelope rejected = participants.awaitSent(orderId, Contracts.ORDER_REJECTED);
        assertThat(payload(rejected, Contracts.ORDER_REJECTED).reason()).isEqualTo(view.getString("rejectionReason"));
        assertThat(participants.sent(orderId, Contracts.RELEASE_STOCK)).isEmpty();
    }

    @Test
    void rejectedCreditReleasesTheStockAndRejectsTheOrder() {
        UUID orderId = placeOrder(customer, line(CUP, 2), line(KETTLE, 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "12.50", "95.00");
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);

        participants.creditRejected(reserveCredit, "insufficient credit: need 120.00, available 80.00", "80.00");

        JsonPath view = awaitStatus(customer, orderId, "REJECTED");
        assertThat(view.getString("rejectionReason")).isEqualTo("insufficient credit: need 120.00, available 80.00");
        Envelope release = participants.awaitSent(orderId, Contracts.RELEASE_STOCK);
        assertThat(payload(release, Contracts.RELEASE_STOCK).orderId()).isEqualTo(orderId);
        participants.awaitSent(orderId, Contracts.ORDER_REJECTED);
        assertThat(participants.sent(orderId, Contracts.COMMIT_STOCK)).isEmpty();

        // catalog confirms the compensation: logged, nothing else happens
        participants.stockReleased(release);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> OrderingDatabase.stepsNamed(orderId, "ignored stock.released") == 1);
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("REJECTED");
    }

    @Test
    void replyThatContradictsTheSagaIsDeadLetteredWithTheReasonAndChangesNothing() {
        UUID orderId = placeOrder(customer, line(CUP, 1));
        participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        participants.broker().drain("ordering.credit-replies.dlq");

        Envelope early = participants.reply(Participants.USER, participants.awaitSent(orderId,
                Contracts.RESERVE_STOCK), Contracts.CREDIT_RESERVED,
                new CreditReserved(orderId, customer, new BigDecimal("10.00")));

        ReceivedMessage parked = awaitDeadLetter("ordering.credit-replies.dlq", early.id());
        assertThat(parked.header(DeadLetters.REASON)).startsWith("rejected by handler: credit.reserved")
                .contains("refused by the saga").contains("credit was not asked for yet");
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("PENDING");
        assertThat(participants.sent(orderId, Contracts.COMMIT_STOCK)).isEmpty();
    }

    @Test
    void replyForAnUnknownOrderIsDeadLettered() {
        UUID unknown = UUID.randomUUID();
        participants.broker().drain("ordering.stock-replies.dlq");
        Envelope reply = dev.bazaar.infra.testing.TestBroker.envelope(Contracts.STOCK_RELEASED,
                new StockReleased(unknown, List.of()), "catalog", unknown.toString(), unknown.toString());
        participants.publish(Participants.CATALOG, reply);

        ReceivedMessage parked = awaitDeadLetter("ordering.stock-replies.dlq", reply.id());
        assertThat(parked.header(DeadLetters.REASON)).contains("names order " + unknown + ", which does not exist");
    }

    private ReceivedMessage awaitDeadLetter(String queue, UUID messageId) {
        List<ReceivedMessage> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            parked.addAll(participants.broker().drain(queue));
            return parked.stream().anyMatch(message -> message.envelope().id().equals(messageId));
        });
        return parked.stream().filter(message -> message.envelope().id().equals(messageId)).findFirst().orElseThrow();
    }
}

package dev.bazaar.user.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import dev.bazaar.events.credit.CaptureCredit;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.user.testsupport.UserApi;
import dev.bazaar.user.testsupport.UserApi.Credit;
import dev.bazaar.user.testsupport.UserDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** The credit side of the order saga, driven through the broker exactly as ordering drives it. */
@QuarkusTest
class CreditCommandsTest {

    private static final String COMMANDS = "ordering.events";
    private static final String QUEUE = "user.credit-commands";
    private static final MessageCodec CODEC = new MessageCodec();

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    private Collector replies;
    private UUID customer;

    @BeforeEach
    void setUp() {
        // commands published before the service bound its queue would be dropped by the exchange
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> broker.depth(QUEUE) >= 0);
        replies = broker.collect("user.events", "credit.*");
        customer = UserApi.registerWithCredit("saga", "100.00");
    }

    @Test
    void reserveHoldsTheAmountAndRepliesReserved() {
        UUID order = UUID.randomUUID();

        Envelope command = send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("40")), order);

        Envelope reply = awaitReply(order, "credit.reserved");
        assertThat(CODEC.payload(reply, Contracts.CREDIT_RESERVED))
                .isEqualTo(new CreditReserved(order, customer, money("40.00")));
        assertThat(reply.correlationId()).isEqualTo(order.toString());
        assertThat(reply.causationId()).isEqualTo(command.id());
        assertThat(reply.aggregateId()).isEqualTo(order.toString());
        assertCredit("60.00", "40.00", "0.00");
        assertThat(holdStatus(order)).isEqualTo("HELD");
    }

    @Test
    void reserveBeyondTheBalanceIsRejectedWithTheExactReason() {
        UserApi.topUp(customer, "20.00");
        UUID first = UUID.randomUUID();
        send(Contracts.RESERVE_CREDIT, new ReserveCredit(first, customer, money("40.00")), first);
        awaitReply(first, "credit.reserved");
        UUID order = UUID.randomUUID();

        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("120")), order);

        Envelope reply = awaitReply(order, "credit.rejected");
        assertThat(CODEC.payload(reply, Contracts.CREDIT_REJECTED)).isEqualTo(new CreditRejected(order, customer,
                "insufficient credit: need 120.00, available 80.00", money("120.00"), money("80.00")));
        assertCredit("80.00", "40.00", "0.00");
        assertThat(holdStatus(order)).isEqualTo("REJECTED");
    }

    @Test
    void reserveForAnUnknownCustomerIsRejected() {
        UUID order = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();

        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, stranger, money("1.00")), order);

        CreditRejected rejected = CODEC.payload(awaitReply(order, "credit.rejected"), Contracts.CREDIT_REJECTED);
        assertThat(rejected.reason()).isEqualTo("unknown customer " + stranger);
        assertThat(rejected.available()).isEqualByComparingTo("0");
    }

    @Test
    void duplicateDeliveryOfOneMessageHasOneEffectAndOneReply() {
        UUID order = UUID.randomUUID();
        Envelope command = TestBroker.envelope(Contracts.RESERVE_CREDIT,
                new ReserveCredit(order, customer, money("30.00")), "ordering", order.toString(), order.toString());

        broker.publish(COMMANDS, command);
        broker.publish(COMMANDS, command);
        broker.publish(COMMANDS, command);
        awaitReply(order, "credit.reserved");
        // a later command's reply proves the queue got past the duplicates
        UUID marker = reserved("1.00");

        assertThat(repliesFor(order)).hasSize(1);
        assertThat(repliesFor(marker)).hasSize(1);
        assertThat(UserDatabase.scalar("select count(*) from inbox_message where message_id = ?", command.id()))
                .isEqualTo(1L);
        assertCredit("69.00", "31.00", "0.00");
    }

    @Test
    void secondReserveForTheSameOrderRepliesTheSameWithoutASecondHold() {
        UUID order = UUID.randomUUID();
        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("30.00")), order);
        awaitReply(order, "credit.reserved");

        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("30.00")), order);

        await().atMost(Duration.ofSeconds(20)).until(() -> repliesFor(order).size() == 2);
        assertThat(repliesFor(order)).extracting(Envelope::type).containsExactly("credit.reserved",
                "credit.reserved");
        assertCredit("70.00", "30.00", "0.00");
    }

    @Test
    void secondReserveAfterARejectionIsRejectedAgainEvenIfCreditArrivedMeanwhile() {
        UUID order = UUID.randomUUID();
        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("150.00")), order);
        awaitReply(order, "credit.rejected");
        UserApi.topUp(customer, "100.00");

        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("150.00")), order);

        await().atMost(Duration.ofSeconds(20)).until(() -> repliesFor(order).size() == 2);
        CreditRejected again = CODEC.payload(repliesFor(order).get(1), Contracts.CREDIT_REJECTED);
        assertThat(again.reason()).isEqualTo("insufficient credit: need 150.00, available 100.00");
        assertCredit("200.00", "0.00", "0.00");
    }

    @Test
    void releaseOfAHoldReturnsTheMoney() {
        UUID order = reserved("45.50");

        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "stock rejected"), order);

        assertThat(CODEC.payload(awaitReply(order, "credit.released"), Contracts.CREDIT_RELEASED))
                .isEqualTo(new CreditReleased(order, customer, money("45.50")));
        assertCredit("100.00", "0.00", "0.00");
        assertThat(holdStatus(order)).isEqualTo("RELEASED");
    }

    @Test
    void captureThenReleaseRefundsTheCharge() {
        UUID order = reserved("40.00");

        awaitProcessed(send(Contracts.CAPTURE_CREDIT, new CaptureCredit(order, customer), order));
        assertThat(holdStatus(order)).isEqualTo("CAPTURED");
        assertCredit("60.00", "0.00", "40.00");

        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "order cancelled"), order);

        assertThat(CODEC.payload(awaitReply(order, "credit.released"), Contracts.CREDIT_RELEASED).amount())
                .isEqualTo(money("40.00"));
        assertCredit("100.00", "0.00", "0.00");
        assertThat(holdStatus(order)).isEqualTo("REFUNDED");
    }

    @Test
    void repeatedCaptureChargesOnce() {
        UUID order = reserved("25.00");

        Envelope first = send(Contracts.CAPTURE_CREDIT, new CaptureCredit(order, customer), order);
        Envelope second = send(Contracts.CAPTURE_CREDIT, new CaptureCredit(order, customer), order);
        awaitProcessed(first);
        awaitProcessed(second);

        assertThat(holdStatus(order)).isEqualTo("CAPTURED");
        assertCredit("75.00", "0.00", "25.00");
    }

    @Test
    void repeatedReleaseReturnsTheMoneyOnceAndThenZero() {
        UUID order = reserved("10.00");

        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "timeout"), order);
        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "timeout"), order);

        await().atMost(Duration.ofSeconds(20)).until(() -> repliesFor(order).size() == 3);
        assertThat(repliesFor(order).subList(1, 3))
                .extracting(reply -> CODEC.payload(reply, Contracts.CREDIT_RELEASED).amount())
                .containsExactly(money("10.00"), money("0.00"));
        assertCredit("100.00", "0.00", "0.00");
    }

    @Test
    void releaseOfAnUnknownOrderRepliesReleasedZero() {
        UUID order = UUID.randomUUID();

        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "saga timed out"), order);

        assertThat(CODEC.payload(awaitReply(order, "credit.released"), Contracts.CREDIT_RELEASED))
                .isEqualTo(new CreditReleased(order, customer, money("0.00")));
        assertCredit("100.00", "0.00", "0.00");
    }

    @Test
    void reserveArrivingAfterItsReleaseHoldsNothing() {
        UUID order = UUID.randomUUID();
        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "saga timed out"), order);
        awaitReply(order, "credit.released");

        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("10.00")), order);

        assertThat(CODEC.payload(awaitReply(order, "credit.rejected"), Contracts.CREDIT_REJECTED).reason())
                .isEqualTo("credit for order " + order + " was already released");
        assertCredit("100.00", "0.00", "0.00");
    }

    @Test
    void captureOfAReleasedHoldIsDeadLetteredWithTheReason() {
        broker.drain(QUEUE + ".dlq");
        UUID order = reserved("10.00");
        send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order, customer, "rejected"), order);
        awaitReply(order, "credit.released");

        send(Contracts.CAPTURE_CREDIT, new CaptureCredit(order, customer), order);

        List<ReceivedMessage> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> parked.addAll(broker.drain(QUEUE + ".dlq")));
        assertThat(parked.get(0).header(DeadLetters.REASON))
                .contains("cannot go from RELEASED to CAPTURED");
        assertCredit("100.00", "0.00", "0.00");
    }

    @Test
    void concurrentReservesThroughTheBrokerNeverOverdraw() {
        List<UUID> orders = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();

        orders.forEach(order -> send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money("30.00")),
                order));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> orders.stream().allMatch(order -> repliesFor(order).size() == 1));
        Map<String, Long> outcomes = orders.stream().map(order -> repliesFor(order).get(0).type())
                .collect(Collectors.groupingBy(type -> type, Collectors.counting()));
        assertThat(outcomes).containsEntry("credit.reserved", 3L).containsEntry("credit.rejected", 7L);
        assertCredit("10.00", "90.00", "0.00");
        assertMoneyIsConserved();
    }

    private UUID reserved(String amount) {
        UUID order = UUID.randomUUID();
        send(Contracts.RESERVE_CREDIT, new ReserveCredit(order, customer, money(amount)), order);
        awaitReply(order, "credit.reserved");
        return order;
    }

    private <P> Envelope send(MessageType<P> type, P payload, UUID order) {
        Envelope envelope = TestBroker.envelope(type, payload, "ordering", order.toString(), order.toString());
        broker.publish(COMMANDS, envelope);
        return envelope;
    }

    /** Capture has no reply: its inbox row (written in the transaction of its effect) says it was applied. */
    private static void awaitProcessed(Envelope command) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Long.valueOf(1).equals(
                UserDatabase.scalar("select count(*) from inbox_message where message_id = ?", command.id())));
    }

    private Envelope awaitReply(UUID order, String type) {
        return replies.awaitEnvelope(e -> e.correlationId().equals(order.toString()) && e.type().equals(type));
    }

    private List<Envelope> repliesFor(UUID order) {
        return replies.envelopes().stream().filter(e -> e.correlationId().equals(order.toString())).toList();
    }

    private String holdStatus(UUID order) {
        return (String) UserDatabase.scalar("select status from credit_hold where order_id = ?", order);
    }

    private void assertCredit(String balance, String held, String captured) {
        assertThat(UserApi.credit(customer)).satisfies(credit -> assertThat(
                credit.sameAs(Credit.of(balance, held, captured))).as("credit %s", credit).isTrue());
        assertMoneyIsConserved();
    }

    static void assertMoneyIsConserved() {
        assertThat(UserDatabase.scalar("select count(*) from credit_account "
                + "where topped_up <> balance + held + captured")).isEqualTo(0L);
        assertThat(UserDatabase.scalar("select count(*) from credit_account a where a.topped_up <> "
                + "(select coalesce(sum(t.amount), 0) from top_up t where t.customer_id = a.customer_id)"))
                .isEqualTo(0L);
        assertThat(UserDatabase.scalar("select count(*) from credit_account a where a.held <> (select "
                + "coalesce(sum(h.amount), 0) from credit_hold h where h.customer_id = a.customer_id "
                + "and h.status = 'HELD') or a.captured <> (select coalesce(sum(h.amount), 0) from credit_hold h "
                + "where h.customer_id = a.customer_id and h.status = 'CAPTURED')")).isEqualTo(0L);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}

package dev.bazaar.ordering.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.events.MessageType;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.OrderStatus;
import dev.bazaar.ordering.saga.OrderSaga;
import dev.bazaar.ordering.saga.OutgoingMessage;
import dev.bazaar.ordering.saga.SagaDeadlines;
import dev.bazaar.ordering.saga.SagaDecision;
import dev.bazaar.ordering.saga.SagaStep;

/**
 * Given/expect scripts for {@link OrderSaga}: each {@link #when} feeds one input to the saga at the script's clock
 * and makes the decided order the next "given". Expectations look at the last decision.
 */
public final class SagaScript {

    public static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    public static final Duration STOCK_DEADLINE = Duration.ofSeconds(30);
    public static final Duration CREDIT_DEADLINE = Duration.ofSeconds(20);
    public static final Duration CANCEL_RETRY = Duration.ofSeconds(10);
    public static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    public static final UUID CUP = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    public static final UUID KETTLE = UUID.fromString("00000000-0000-0000-0000-0000000000a2");

    private final OrderSaga saga = new OrderSaga(new SagaDeadlines(STOCK_DEADLINE, CREDIT_DEADLINE, CANCEL_RETRY));
    private Order order;
    private SagaDecision last;
    private Instant now = T0;

    private SagaScript() {
    }

    /** Two cups and one kettle, placed and started at {@link #T0}. */
    public static SagaScript givenPlacedOrder() {
        SagaScript script = new SagaScript();
        Order placed = Order.place(UUID.randomUUID(), CUSTOMER, null,
                List.of(OrderLine.requested(CUP, 2), OrderLine.requested(KETTLE, 1)));
        script.last = script.saga.start(placed, "test", null, T0);
        script.order = script.last.after();
        return script;
    }

    /** The happy path up to CONFIRMED. */
    public static SagaScript givenConfirmedOrder() {
        return givenPlacedOrder().when(SagaInputs.stockReserved()).when(SagaInputs.creditReserved())
                .expectStatus(OrderStatus.CONFIRMED);
    }

    public SagaScript after(Duration elapsed) {
        now = now.plus(elapsed);
        return this;
    }

    /** Moves the clock just past the order's current deadline. */
    public SagaScript afterDeadline() {
        now = order.deadline().plusMillis(1);
        return this;
    }

    public SagaScript when(SagaInput input) {
        last = input.feed(saga, order, now);
        assertThat(last.before()).isSameAs(order);
        order = last.after();
        return this;
    }

    /** The saga refuses the input and nothing about the order changes. */
    public SagaScript expectRefused(SagaInput input, String reasonPart) {
        Order before = order;
        assertThatThrownBy(() -> input.feed(saga, before, now))
                .isInstanceOf(IllegalOrderTransitionException.class)
                .hasMessageContaining(reasonPart);
        assertThat(order).isSameAs(before);
        return this;
    }

    public SagaScript expectStatus(OrderStatus status) {
        assertThat(order.status()).as("status").isEqualTo(status);
        return this;
    }

    /** Exactly these messages, in this order, were decided by the last input. */
    public SagaScript expectSent(MessageType<?>... types) {
        assertThat(last.messages()).extracting(message -> message.type().type())
                .containsExactly(java.util.Arrays.stream(types).map(MessageType::type).toArray(String[]::new));
        return this;
    }

    public SagaScript expectNothingSent() {
        assertThat(last.messages()).isEmpty();
        return this;
    }

    /** Exactly these step names were logged by the last input. */
    public SagaScript expectSteps(String... steps) {
        assertThat(last.steps()).extracting(SagaStep::step).containsExactly(steps);
        assertThat(last.steps()).extracting(SagaStep::at).containsOnly(now);
        return this;
    }

    /** The last input changed nothing but the log: an "ignored ..." step, no message, the same order. */
    public SagaScript expectIgnored(String type) {
        assertThat(last.changesOrder()).as("order changed").isFalse();
        expectNothingSent();
        return expectSteps("ignored " + type);
    }

    /** The last input did nothing at all, not even a log entry. */
    public SagaScript expectNothing() {
        assertThat(last.isNothing()).as("decision is nothing").isTrue();
        return this;
    }

    public SagaScript expectDeadlineIn(Duration fromNow) {
        assertThat(order.deadline()).as("deadline").isEqualTo(now.plus(fromNow));
        return this;
    }

    public SagaScript expectNoDeadline() {
        assertThat(order.deadline()).as("deadline").isNull();
        return this;
    }

    public SagaScript expectRejectionReason(String reason) {
        assertThat(order.rejectionReason()).isEqualTo(reason);
        return this;
    }

    public SagaScript expectTotal(String total) {
        assertThat(order.total()).isEqualByComparingTo(new BigDecimal(total));
        return this;
    }

    /** Payload of the one message of {@code type} the last input sent. */
    public <P> P sent(MessageType<P> type) {
        List<OutgoingMessage<?>> matching = last.messages().stream()
                .filter(message -> message.type().equals(type)).toList();
        assertThat(matching).as("messages of type " + type.type()).hasSize(1);
        return type.payloadClass().cast(matching.get(0).payload());
    }

    public SagaDecision decision() {
        return last;
    }

    public Order order() {
        return order;
    }
}

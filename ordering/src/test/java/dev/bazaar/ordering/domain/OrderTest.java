package dev.bazaar.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OrderTest {

    private static final UUID CUP = UUID.randomUUID();
    private static final UUID KETTLE = UUID.randomUUID();
    private static final Instant LATER = Instant.parse("2030-01-01T10:00:30Z");

    @Test
    void placingMergesLinesOfTheSameProductInOrderOfFirstAppearance() {
        Order order = Order.place(UUID.randomUUID(), UUID.randomUUID(), null, List.of(
                OrderLine.requested(CUP, 1), OrderLine.requested(KETTLE, 1), OrderLine.requested(CUP, 2)));

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.lines()).containsExactly(OrderLine.requested(CUP, 3), OrderLine.requested(KETTLE, 1));
        assertThat(order.total()).isNull();
        assertThat(order.deadline()).isNull();
    }

    @Test
    void anOrderNeedsLinesWithPositiveQuantities() {
        assertThatThrownBy(() -> Order.place(UUID.randomUUID(), UUID.randomUUID(), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderLine.requested(CUP, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> OrderLine.merge(List.of(OrderLine.requested(CUP, Integer.MAX_VALUE),
                OrderLine.requested(CUP, 1)))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void stateMachineAllowsOnlyItsEdges() {
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.STOCK_RESERVED)).isTrue();
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.CONFIRMED)).isFalse();
        assertThat(OrderStatus.STOCK_RESERVED.canMoveTo(OrderStatus.CONFIRMED)).isTrue();
        assertThat(OrderStatus.CONFIRMED.canMoveTo(OrderStatus.REJECTED)).isFalse();
        assertThat(OrderStatus.CONFIRMED.canMoveTo(OrderStatus.CANCELLING)).isTrue();
        assertThat(OrderStatus.CANCELLING.canMoveTo(OrderStatus.CANCELLED)).isTrue();
        for (OrderStatus next : OrderStatus.values()) {
            assertThat(OrderStatus.REJECTED.canMoveTo(next)).isFalse();
            assertThat(OrderStatus.CANCELLED.canMoveTo(next)).isFalse();
        }
        assertThat(OrderStatus.AWAITING_REPLY)
                .containsExactlyInAnyOrder(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.CANCELLING);
    }

    @Test
    void illegalTransitionsThrow() {
        Order pending = Order.place(UUID.randomUUID(), UUID.randomUUID(), null, List.of(OrderLine.requested(CUP, 1)));

        assertThatThrownBy(pending::confirmed).isInstanceOf(IllegalOrderTransitionException.class)
                .hasMessageContaining("cannot move from PENDING to CONFIRMED");
        assertThatThrownBy(() -> pending.cancelling(LATER)).isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(pending::stockReturned).isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> pending.rejected(" ")).isInstanceOf(IllegalArgumentException.class);
        Order rejected = pending.rejected("no");
        assertThatThrownBy(() -> rejected.awaitingUntil(LATER)).isInstanceOf(IllegalOrderTransitionException.class);
    }

    @Test
    void cancellationCompletesOnlyAfterBothReleases() {
        Order confirmed = Order.place(UUID.randomUUID(), UUID.randomUUID(), null, List.of(OrderLine.requested(CUP, 1)))
                .stockReserved(List.of(new OrderLine(CUP, "SKU-CUP", 1, new BigDecimal("2.00"))),
                        new BigDecimal("2.00"), LATER)
                .confirmed();
        Order cancelling = confirmed.cancelling(LATER);

        assertThatThrownBy(cancelling::cancelled).isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> cancelling.stockReturned().cancelled())
                .isInstanceOf(IllegalOrderTransitionException.class);
        Order cancelled = cancelling.stockReturned().creditReturned().cancelled();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.deadline()).isNull();
    }

    @Test
    void reservingStockNeedsEveryLinePriced() {
        Order pending = Order.place(UUID.randomUUID(), UUID.randomUUID(), null, List.of(OrderLine.requested(CUP, 1)));

        assertThatThrownBy(() -> pending.stockReserved(List.of(OrderLine.requested(CUP, 1)), BigDecimal.ONE, LATER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

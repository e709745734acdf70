package dev.bazaar.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;

/** How saga decisions become metric labels and durations: a few fixed words, never the participants' free text. */
class SagaMilestoneTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant PLACED = Instant.parse("2026-01-01T10:00:00Z");
    private static final UUID CUP = UUID.randomUUID();
    private static final UUID CUSTOMER = UUID.randomUUID();

    private final OrderSaga saga = new OrderSaga(new SagaDeadlines(DEADLINE, DEADLINE, DEADLINE));
    private final Order pending = saga.start(Order.place(UUID.randomUUID(), CUSTOMER, null,
            List.of(OrderLine.requested(CUP, 2))), "test", null, PLACED).after();

    @Test
    void placingAnOrderCompletesNothing() {
        SagaDecision start = saga.start(Order.place(UUID.randomUUID(), CUSTOMER, null,
                List.of(OrderLine.requested(CUP, 1))), "test", null, PLACED);
        assertThat(SagaMilestone.of(start, PLACED, PLACED, PLACED)).isEmpty();
    }

    @Test
    void reservedStockEndsTheStockLegOnly() {
        Instant at = PLACED.plusMillis(40);
        SagaMilestone milestone = SagaMilestone.of(stockReserved(at), PLACED, PLACED, at).orElseThrow();
        assertThat(milestone).isEqualTo(new SagaMilestone("stock", "reserved", Duration.ofMillis(40), null, null,
                null));
    }

    @Test
    void catalogsRefusalWhateverItsWordingIsStockShort() {
        Instant at = PLACED.plusMillis(25);
        SagaDecision rejected = saga.onStockRejected(pending, new StockRejected(pending.id(),
                "out of stock: SKU-12 (wanted 2, have 1)", List.of()), UUID.randomUUID(), at);
        assertThat(SagaMilestone.of(rejected, PLACED, PLACED, at).orElseThrow()).isEqualTo(new SagaMilestone(
                "stock", "rejected", Duration.ofMillis(25), "rejected", "stock_short", Duration.ofMillis(25)));
    }

    @Test
    void confirmationTimesTheCreditLegFromTheStockReservationAndTheSagaFromPlacement() {
        Instant reservedAt = PLACED.plusMillis(40);
        Order reserved = stockReserved(reservedAt).after();
        Instant at = reservedAt.plusMillis(60);
        SagaDecision confirmed = saga.onCreditReserved(reserved, new CreditReserved(reserved.id(), CUSTOMER,
                reserved.total()), UUID.randomUUID(), at);
        assertThat(SagaMilestone.of(confirmed, PLACED, reservedAt, at).orElseThrow()).isEqualTo(new SagaMilestone(
                "credit", "reserved", Duration.ofMillis(60), "confirmed", "none", Duration.ofMillis(100)));
    }

    @Test
    void usersRefusalIsCreditShort() {
        Order reserved = stockReserved(PLACED).after();
        SagaDecision rejected = saga.onCreditRejected(reserved, new CreditRejected(reserved.id(), CUSTOMER,
                "insufficient credit", reserved.total(), BigDecimal.ONE), UUID.randomUUID(), PLACED);
        assertThat(SagaMilestone.of(rejected, PLACED, PLACED, PLACED).orElseThrow().reason())
                .isEqualTo("credit_short");
    }

    @Test
    void sweptDeadlinesAreNamedByTheirLeg() {
        Instant late = PLACED.plus(DEADLINE).plusSeconds(1);
        SagaMilestone stock = SagaMilestone.of(saga.onDeadline(pending, late), PLACED, PLACED, late).orElseThrow();
        assertThat(stock).extracting(SagaMilestone::leg, SagaMilestone::legResult, SagaMilestone::reason)
                .containsExactly("stock", "timed_out", "deadline_stock");

        Order reserved = stockReserved(PLACED).after();
        SagaMilestone credit = SagaMilestone.of(saga.onDeadline(reserved, late), PLACED, PLACED, late)
                .orElseThrow();
        assertThat(credit).extracting(SagaMilestone::leg, SagaMilestone::legResult, SagaMilestone::reason)
                .containsExactly("credit", "timed_out", "deadline_credit");
    }

    private SagaDecision stockReserved(Instant at) {
        return saga.onStockReserved(pending, new StockReserved(pending.id(), List.of(new ReservedLine(CUP, "SKU-1",
                2, new BigDecimal("5.00"))), new BigDecimal("10.00")), UUID.randomUUID(), at);
    }
}

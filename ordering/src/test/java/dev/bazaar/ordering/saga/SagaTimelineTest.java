package dev.bazaar.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;


class SagaTimelineTest {

    private static final SagaDeadlines DEADLINES = new SagaDeadlines(Duration.ofSeconds(30), Duration.ofSeconds(20),
            Duration.ofSeconds(30));
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void eachStepNamesTheOtherServiceAndTheMessageTypeAndTheReservationsTheirDeadlines() {
        UUID checkout = UUID.randomUUID();
        UUID reserve = UUID.randomUUID();
        UUID reserved = UUID.randomUUID();
        List<SagaStep> steps = List.of(
                new SagaStep(T0, "order placed", checkout, "checked out from cart x"),
                new SagaStep(T0, "sent stock.reserve", reserve, null),
                new SagaStep(T0.plusSeconds(2), "received stock.reserved", reserved, "1 line(s), total 25.00"),
                new SagaStep(T0.plusSeconds(2), "PENDING -> STOCK_RESERVED", null, "credit deadline ..."),
                new SagaStep(T0.plusSeconds(2), "sent credit.reserve", UUID.randomUUID(), null),
                new SagaStep(T0.plusSeconds(3), "received credit.reserved", UUID.randomUUID(), "amount 25.00"),
                new SagaStep(T0.plusSeconds(3), "STOCK_RESERVED -> CONFIRMED", null, "total 25.00"),
                new SagaStep(T0.plusSeconds(3), "sent order.confirmed", UUID.randomUUID(), null));

        List<SagaTimeline.Entry> timeline = SagaTimeline.of(steps, DEADLINES, T0.plusSeconds(60));

        assertThat(timeline).extracting(SagaTimeline.Entry::kind, SagaTimeline.Entry::service,
                SagaTimeline.Entry::messageType, SagaTimeline.Entry::deadlineMet).containsExactly(
                tuple("placed", "cart", "cart.checked-out", null),
                tuple("sent", "catalog", "stock.reserve", true),
                tuple("received", "catalog", "stock.reserved", true),
                tuple("transition", "ordering", null, null),
                tuple("sent", "user", "credit.reserve", true),
                tuple("received", "user", "credit.reserved", true),
                tuple("transition", "ordering", null, null),
                tuple("sent", "cart", "order.confirmed", null));
        assertThat(timeline.get(1).deadline()).isEqualTo(T0.plusSeconds(30));
        assertThat(timeline.get(2).deadline()).isEqualTo(T0.plusSeconds(30));
        assertThat(timeline.get(4).deadline()).isEqualTo(T0.plusSeconds(22));
        assertThat(timeline.get(1).messageId()).isEqualTo(reserve);
        assertThat(timeline.get(2).messageId()).isEqualTo(reserved);
    }

    @Test
    void aReplyThatNeverCameIsAMissedDeadlineAndALateOneToo() {
        List<SagaStep> steps = List.of(
                new SagaStep(T0, "order placed", null, "placed via POST /orders"),
                new SagaStep(T0, "sent stock.reserve", UUID.randomUUID(), null),
                new SagaStep(T0.plusSeconds(1), "received stock.reserved", UUID.randomUUID(), null),
                new SagaStep(T0.plusSeconds(1), "sent credit.reserve", UUID.randomUUID(), null),
                new SagaStep(T0.plusSeconds(22), "deadline passed", null, "STOCK_RESERVED since ..."),
                new SagaStep(T0.plusSeconds(22), "STOCK_RESERVED -> REJECTED", null, "user did not answer"),
                new SagaStep(T0.plusSeconds(40), "late credit.reserved", UUID.randomUUID(), "releasing again"));

        List<SagaTimeline.Entry> timeline = SagaTimeline.of(steps, DEADLINES, T0.plusSeconds(60));

        assertThat(timeline.get(0).service()).as("placed through the API").isEqualTo("ordering");
        assertThat(timeline.get(0).messageType()).isNull();
        assertThat(timeline.get(3).deadlineMet()).as("credit.reserve never answered in time").isFalse();
        assertThat(timeline.get(4).kind()).isEqualTo("deadline");
        assertThat(timeline.get(4).deadlineMet()).isFalse();
        assertThat(timeline.get(6)).satisfies(late -> {
            assertThat(late.kind()).isEqualTo("late");
            assertThat(late.service()).isEqualTo("user");
            assertThat(late.messageType()).isEqualTo("credit.reserved");
            assertThat(late.deadlineMet()).isFalse();
        });
    }

    @Test
    void aReservationStillAwaitedIsUndecidedUntilItsDeadlineThenMissed() {
        List<SagaStep> steps = List.of(new SagaStep(T0, "sent stock.reserve", UUID.randomUUID(), null));

        assertThat(SagaTimeline.of(steps, DEADLINES, T0.plusSeconds(10)).get(0).deadlineMet()).isNull();
        assertThat(SagaTimeline.of(steps, DEADLINES, T0.plusSeconds(31)).get(0).deadlineMet()).isFalse();
    }
}

package dev.bazaar.ordering.saga;

import static dev.bazaar.ordering.testsupport.OrderingApi.asCustomer;
import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.infra.testing.PrometheusScrape;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Saga outcomes, saga and leg durations on /q/metrics, driven through the real broker and database. Orders left by
 * other tests of this application may end meanwhile (their deadlines pass), so timers are asserted to have moved and
 * only the outcome of the reason under test is counted exactly.
 */
@QuarkusTest
class SagaMetricsTest {

    private static final String OUTCOMES = "bazaar_saga_outcomes_total";
    private static final String DURATIONS = "bazaar_saga_duration_seconds_count";
    private static final String LEGS = "bazaar_saga_leg_duration_seconds_count";
    private static final UUID CUP = UUID.randomUUID();

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void everyOutcomeAndTimerIsExposedAtZeroBeforeAnySagaEnds() {
        PrometheusScrape scrape = PrometheusScrape.now();
        for (String reason : SagaMilestone.REASONS) {
            assertThat(scrape.value(OUTCOMES, "reason", reason)).as(reason).isPresent();
        }
        assertThat(scrape.value(OUTCOMES, "result", "confirmed", "reason", "none")).isPresent();
        assertThat(scrape.names()).contains("bazaar_saga_duration_seconds_bucket",
                "bazaar_saga_leg_duration_seconds_bucket");
    }

    @Test
    void anOrderRejectedForLackOfStockCountsAsStockShortWithItsStockLegAndDuration() {
        PrometheusScrape before = PrometheusScrape.now();
        UUID orderId = placeOrder(customer, line(CUP, 3));
        participants.stockRejected(participants.awaitSent(orderId, Contracts.RESERVE_STOCK),
                "out of stock: SKU-12 (wanted 3, have 1)");
        awaitStatus(customer, orderId, "REJECTED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(increase(before, after, OUTCOMES, "result", "rejected", "reason", "stock_short")).isEqualTo(1);
            assertThat(increase(before, after, DURATIONS, "result", "rejected")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, LEGS, "leg", "stock", "result", "rejected")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aConfirmedOrderCountsOnceWithBothLegsTimed() {
        PrometheusScrape before = PrometheusScrape.now();
        UUID orderId = confirmedOrder();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(increase(before, after, OUTCOMES, "result", "confirmed", "reason", "none")).isEqualTo(1);
            assertThat(increase(before, after, DURATIONS, "result", "confirmed")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, LEGS, "leg", "stock", "result", "reserved")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, LEGS, "leg", "credit", "result", "reserved"))
                    .isGreaterThanOrEqualTo(1);
        });
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("CONFIRMED");
    }

    @Test
    void rejectedCreditCountsAsCreditShort() {
        PrometheusScrape before = PrometheusScrape.now();
        UUID orderId = placeOrder(customer, line(CUP, 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "20.00");
        participants.creditRejected(participants.awaitSent(orderId, Contracts.RESERVE_CREDIT),
                "insufficient credit", "5.00");
        awaitStatus(customer, orderId, "REJECTED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(increase(before, after, OUTCOMES, "result", "rejected", "reason", "credit_short"))
                    .isEqualTo(1);
            assertThat(increase(before, after, LEGS, "leg", "credit", "result", "rejected"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aCreditDeadlineSweptByTheTimerCountsAsDeadlineCreditAfterItsCommit() {
        PrometheusScrape before = PrometheusScrape.now();
        UUID orderId = placeOrder(customer, line(CUP, 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "20.00");
        participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        awaitStatus(customer, orderId, "STOCK_RESERVED");

        OrderingDatabase.expireDeadline(orderId);
        awaitStatus(customer, orderId, "REJECTED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(increase(before, after, OUTCOMES, "result", "rejected", "reason", "deadline_credit"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, LEGS, "leg", "credit", "result", "timed_out"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aCancelledOrderCountsAsCancelled() {
        UUID orderId = confirmedOrder();
        PrometheusScrape before = PrometheusScrape.now();
        asCustomer(customer).post("/orders/{id}/cancel", orderId).then().statusCode(202);
        participants.stockReleased(participants.awaitSent(orderId, Contracts.RELEASE_STOCK));
        participants.creditReleased(participants.awaitSent(orderId, Contracts.RELEASE_CREDIT), "20.00");
        awaitStatus(customer, orderId, "CANCELLED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(increase(before,
                PrometheusScrape.now(), OUTCOMES, "result", "cancelled", "reason", "cancelled")).isEqualTo(1));
    }

    private UUID confirmedOrder() {
        UUID orderId = placeOrder(customer, line(CUP, 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "20.00");
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        participants.creditReserved(reserveCredit);
        awaitStatus(customer, orderId, "CONFIRMED");
        return orderId;
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }
}

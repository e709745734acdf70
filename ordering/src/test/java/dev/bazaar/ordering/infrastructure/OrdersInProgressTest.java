package dev.bazaar.ordering.infrastructure;

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
import dev.bazaar.infra.testing.PrometheusScrape;
import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;

/** The gauges of orders whose saga is under way, refreshed from the database every second in tests. */
@QuarkusTest
class OrdersInProgressTest {

    private static final String IN_PROGRESS = "bazaar_orders_in_progress";
    private static final String OLDEST = "bazaar_orders_in_progress_oldest_age_seconds";

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void aWaitingOrderIsCountedInItsStateWithHowLongItHasWaited() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "20.00");
        participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        awaitStatus(customer, orderId, "STOCK_RESERVED");
        // as if user had been silent for 40 s (the deadline is 30 s away, so the sweeper leaves it alone)
        TestDatabase.update("update orders set updated_at = updated_at - interval '40 seconds' where id = ?",
                orderId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.now();
            assertThat(scrape.value(IN_PROGRESS, "status", "stock_reserved").orElseThrow())
                    .isGreaterThanOrEqualTo(1);
            assertThat(scrape.value(OLDEST, "status", "stock_reserved").orElseThrow()).isBetween(40.0, 120.0);
            assertThat(scrape.value(IN_PROGRESS, "status", "pending")).isPresent();
            assertThat(scrape.value(IN_PROGRESS, "status", "cancelling")).isPresent();
        });

        participants.creditRejected(participants.awaitSent(orderId, Contracts.RESERVE_CREDIT), "no credit", "0");
        awaitStatus(customer, orderId, "REJECTED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(PrometheusScrape.now()
                .value(OLDEST, "status", "stock_reserved").orElseThrow()).isLessThan(40.0));
    }
}

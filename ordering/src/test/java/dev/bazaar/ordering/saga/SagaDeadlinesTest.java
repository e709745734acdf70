package dev.bazaar.ordering.saga;

import static dev.bazaar.ordering.testsupport.OrderingApi.asCustomer;
import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static dev.bazaar.ordering.testsupport.OrderingApi.stepNames;
import static dev.bazaar.ordering.testsupport.Participants.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import dev.bazaar.ordering.testsupport.ShortDeadlines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Silent participants: the sweeper times orders out and compensates; cancellation keeps asking. */
@QuarkusTest
@TestProfile(ShortDeadlines.class)
class SagaDeadlinesTest {

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void silentCatalogRejectsTheOrderAndReleasesAnyStockItMightHold() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.awaitSent(orderId, Contracts.RESERVE_STOCK);

        JsonPath view = awaitStatus(customer, orderId, "REJECTED");

        assertThat(view.getString("rejectionReason")).isEqualTo("catalog did not answer in time (stock reservation)");
        assertThat(stepNames(view)).containsSubsequence("deadline passed", "PENDING -> REJECTED",
                "sent stock.release", "sent order.rejected");
        participants.awaitSent(orderId, Contracts.RELEASE_STOCK);
        Envelope rejected = participants.awaitSent(orderId, Contracts.ORDER_REJECTED);
        assertThat(rejected.causationId()).isNull();
    }

    @Test
    void silentUserRejectsTheOrderAndReleasesCreditAndStock() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 2), line(UUID.randomUUID(), 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "12.50", "95.00");
        participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);

        JsonPath view = awaitStatus(customer, orderId, "REJECTED");

        assertThat(view.getString("rejectionReason"))
                .isEqualTo("user service did not answer in time (credit reservation)");
        assertThat(stepNames(view)).containsSubsequence("deadline passed", "STOCK_RESERVED -> REJECTED",
                "sent credit.release", "sent stock.release", "sent order.rejected");
        Envelope release = participants.awaitSent(orderId, Contracts.RELEASE_CREDIT);
        assertThat(payload(release, Contracts.RELEASE_CREDIT).customerId()).isEqualTo(customer);
        participants.awaitSent(orderId, Contracts.RELEASE_STOCK);
    }

    @Test
    void stockReservedAfterTheTimeoutIsReleasedAgain() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        Envelope reserve = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        awaitStatus(customer, orderId, "REJECTED");
        participants.awaitSent(orderId, Contracts.RELEASE_STOCK, 1);

        participants.stockReserved(reserve, "4.00");

        participants.awaitSent(orderId, Contracts.RELEASE_STOCK, 2);
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("REJECTED");
        assertThat(OrderingDatabase.steps(orderId)).contains("late stock.reserved");
        assertThat(participants.sent(orderId, Contracts.RESERVE_CREDIT)).isEmpty();
    }

    @Test
    void creditReservedAfterTheTimeoutIsReleased() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "4.00");
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        awaitStatus(customer, orderId, "REJECTED");
        participants.awaitSent(orderId, Contracts.RELEASE_CREDIT, 1);

        participants.creditReserved(reserveCredit);

        participants.awaitSent(orderId, Contracts.RELEASE_CREDIT, 2);
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("REJECTED");
        assertThat(participants.sent(orderId, Contracts.COMMIT_STOCK)).isEmpty();
        assertThat(participants.sent(orderId, Contracts.CAPTURE_CREDIT)).isEmpty();
    }

    @Test
    void overdueCancellationAsksAgainForTheMissingReleaseUntilItComes() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "4.00");
        participants.creditReserved(participants.awaitSent(orderId, Contracts.RESERVE_CREDIT));
        awaitStatus(customer, orderId, "CONFIRMED");
        asCustomer(customer).post("/orders/{id}/cancel", orderId).then().statusCode(202);
        participants.stockReleased(participants.awaitSent(orderId, Contracts.RELEASE_STOCK));

        Envelope secondCreditRelease = participants.awaitSent(orderId, Contracts.RELEASE_CREDIT, 2).get(1);
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("CANCELLING");
        assertThat(OrderingDatabase.steps(orderId)).contains("cancellation retry");
        participants.creditReleased(secondCreditRelease, "4.00");

        awaitStatus(customer, orderId, "CANCELLED");
        participants.awaitSent(orderId, Contracts.ORDER_CANCELLED);
        assertThat(participants.sent(orderId, Contracts.RELEASE_STOCK)).hasSize(1);
        await().during(Duration.ofSeconds(ShortDeadlines.CANCEL_RETRY_SECONDS + 1))
                .atMost(Duration.ofSeconds(ShortDeadlines.CANCEL_RETRY_SECONDS + 3))
                .until(() -> participants.sent(orderId, Contracts.RELEASE_CREDIT).size() <= 3);
    }
}

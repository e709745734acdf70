package dev.bazaar.ordering.application;

import static dev.bazaar.ordering.testsupport.OrderingApi.as;
import static dev.bazaar.ordering.testsupport.OrderingApi.asCustomer;
import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static dev.bazaar.ordering.testsupport.OrderingApi.stepNames;
import static dev.bazaar.ordering.testsupport.Participants.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** POST /orders/{id}/cancel: a confirmed order gives back its stock and credit, then is CANCELLED. */
@QuarkusTest
class CancellationTest {

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void cancelledOrderReturnsStockAndCreditWhicheverReleaseAnswersFirst() {
        UUID orderId = confirmedOrder();

        asCustomer(customer).post("/orders/{id}/cancel", orderId).then().statusCode(202)
                .body("status", equalTo("CANCELLING"));

        Envelope releaseStock = participants.awaitSent(orderId, Contracts.RELEASE_STOCK);
        Envelope releaseCredit = participants.awaitSent(orderId, Contracts.RELEASE_CREDIT);
        assertThat(payload(releaseStock, Contracts.RELEASE_STOCK).reason()).isEqualTo("order cancelled");
        assertThat(payload(releaseCredit, Contracts.RELEASE_CREDIT).customerId()).isEqualTo(customer);
        participants.creditReleased(releaseCredit, "120.00");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> OrderingDatabase.stepsNamed(orderId, "received credit.released") == 1);
        assertThat(OrderingDatabase.status(orderId)).isEqualTo("CANCELLING");
        assertThat(participants.sent(orderId, Contracts.ORDER_CANCELLED)).isEmpty();

        participants.stockReleased(releaseStock);

        JsonPath cancelled = awaitStatus(customer, orderId, "CANCELLED");
        Envelope announced = participants.awaitSent(orderId, Contracts.ORDER_CANCELLED);
        assertThat(payload(announced, Contracts.ORDER_CANCELLED).customerId()).isEqualTo(customer);
        assertThat(stepNames(cancelled)).containsSubsequence("cancel requested", "CONFIRMED -> CANCELLING",
                "sent stock.release", "sent credit.release", "received credit.released", "received stock.released",
                "CANCELLING -> CANCELLED", "sent order.cancelled");
    }

    @Test
    void repeatedCancelAnswersTheCurrentStateAndSendsNothingMore() {
        UUID orderId = confirmedOrder();
        asCustomer(customer).post("/orders/{id}/cancel", orderId).then().statusCode(202);
        participants.awaitSent(orderId, Contracts.RELEASE_CREDIT);

        asCustomer(customer).post("/orders/{id}/cancel", orderId).then().statusCode(202)
                .body("status", equalTo("CANCELLING"));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> participants.sent(orderId, Contracts.RELEASE_STOCK).size() == 1
                        && participants.sent(orderId, Contracts.RELEASE_CREDIT).size() == 1);
    }

    @Test
    void onlyAConfirmedOrderCanBeCancelled() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));

        asCustomer(customer).post("/orders/{id}/cancel", orderId).then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("only a confirmed order can be cancelled; this one is PENDING"));
    }

    @Test
    void anotherCustomersOrderCannotBeCancelledButAnAdministratorCanCancelAny() {
        UUID orderId = confirmedOrder();

        asCustomer(UUID.randomUUID()).post("/orders/{id}/cancel", orderId).then().statusCode(404)
                .contentType("application/problem+json");
        asCustomer(customer).post("/orders/{id}/cancel", UUID.randomUUID()).then().statusCode(404);

        as(TestTokens.admin()).post("/orders/{id}/cancel", orderId).then().statusCode(202)
                .body("status", equalTo("CANCELLING"))
                .body("steps.detail", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("by admin ")));
    }

    private UUID confirmedOrder() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 2), line(UUID.randomUUID(), 1));
        participants.stockReserved(participants.awaitSent(orderId, Contracts.RESERVE_STOCK), "12.50", "95.00");
        participants.creditReserved(participants.awaitSent(orderId, Contracts.RESERVE_CREDIT));
        awaitStatus(customer, orderId, "CONFIRMED");
        return orderId;
    }
}

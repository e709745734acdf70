package dev.bazaar.ordering.api;

import static dev.bazaar.ordering.testsupport.OrderingApi.as;
import static dev.bazaar.ordering.testsupport.OrderingApi.asCustomer;
import static dev.bazaar.ordering.testsupport.OrderingApi.get;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Reading orders, idempotent placing and who may see what. */
@QuarkusTest
class OrderApiTest {

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSameOrderAndPlacesNothingNew() {
        UUID product = UUID.randomUUID();
        ExtractableResponse<Response> first = placeWithKey(customer, "key-1", line(product, 2));
        ExtractableResponse<Response> retry = placeWithKey(customer, "key-1", line(product, 1), line(product, 1));

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        UUID orderId = UUID.fromString(first.path("id"));
        assertThat(OrderingDatabase.ordersOf(customer)).isEqualTo(1);
        participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> participants.sent(orderId, Contracts.RESERVE_STOCK).size() == 1);
    }

    @Test
    void concurrentRequestsWithOneKeyPlaceOneOrderAndAllGetItsResponse() throws Exception {
        UUID product = UUID.randomUUID();
        List<java.util.concurrent.CompletableFuture<ExtractableResponse<Response>>> requests =
                java.util.stream.IntStream.range(0, 8)
                        .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> placeWithKey(customer, "key-race", line(product, 3))))
                        .toList();
        List<String> bodies = new java.util.ArrayList<>();
        for (var request : requests) {
            bodies.add(request.get(30, java.util.concurrent.TimeUnit.SECONDS).body().asString());
        }

        assertThat(bodies).allMatch(body -> body.equals(bodies.get(0)));
        assertThat(OrderingDatabase.ordersOf(customer)).isEqualTo(1);
        UUID orderId = UUID.fromString(requests.get(0).get().path("id"));
        participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> participants.sent(orderId, Contracts.RESERVE_STOCK).size() == 1);
    }

    @Test
    void sameKeyForOtherLinesIsRefusedButAnotherCustomerMayUseTheSameKey() {
        placeWithKey(customer, "key-2", line(UUID.randomUUID(), 1));

        asCustomer(customer).header("Idempotency-Key", "key-2")
                .body(Map.of("lines", List.of(line(UUID.randomUUID(), 1)))).post("/orders")
                .then().statusCode(422).contentType("application/problem+json");
        UUID other = UUID.randomUUID();
        assertThat(placeWithKey(other, "key-2", line(UUID.randomUUID(), 1)).<String>path("customerId"))
                .isEqualTo(other.toString());
        assertThat(OrderingDatabase.ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void anotherCustomersOrderIsNotFoundLikeAnUnknownOneButAnAdministratorSeesIt() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));

        get(TestTokens.customer(UUID.randomUUID()), orderId).statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Order not found"));
        get(TestTokens.customer(customer), UUID.randomUUID()).statusCode(404)
                .contentType("application/problem+json");
        get(TestTokens.admin(), orderId).statusCode(200)
                .body("id", equalTo(orderId.toString()))
                .body("customerId", equalTo(customer.toString()));
    }

    @Test
    void customerListsOwnOrdersNewestFirstInPages() {
        UUID first = placeOrder(customer, line(UUID.randomUUID(), 1));
        UUID second = placeOrder(customer, line(UUID.randomUUID(), 2));
        UUID third = placeOrder(customer, line(UUID.randomUUID(), 3));
        placeOrder(UUID.randomUUID(), line(UUID.randomUUID(), 1));

        asCustomer(customer).queryParam("size", 2).get("/orders").then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", equalTo(3))
                .body("items.id", equalTo(List.of(third.toString(), second.toString())))
                .body("items[0]", not(hasKey("steps")))
                .body("items[0].lines[0].quantity", equalTo(3));
        asCustomer(customer).queryParam("size", 2).queryParam("page", 1).get("/orders").then().statusCode(200)
                .body("items.id", equalTo(List.of(first.toString())));
    }

    @Test
    void administratorListsEveryonesOrdersOrOneCustomers() {
        UUID mine = placeOrder(customer, line(UUID.randomUUID(), 1));
        UUID theirs = placeOrder(UUID.randomUUID(), line(UUID.randomUUID(), 1));

        List<String> all = as(TestTokens.admin()).queryParam("size", 100).get("/orders").then().statusCode(200)
                .extract().path("items.id");
        assertThat(all).contains(mine.toString(), theirs.toString());
        as(TestTokens.admin()).queryParam("customerId", customer.toString()).get("/orders").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", equalTo(List.of(mine.toString())));
    }

    @Test
    void customerCannotListAnotherCustomersOrders() {
        asCustomer(customer).queryParam("customerId", UUID.randomUUID().toString()).get("/orders").then()
                .statusCode(403).contentType("application/problem+json");
        asCustomer(customer).queryParam("customerId", customer.toString()).get("/orders").then().statusCode(200);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        Map<String, Object> body = Map.of("lines", List.of(line(UUID.randomUUID(), 1)));

        io.restassured.RestAssured.given().contentType("application/json").body(body).post("/orders").then()
                .statusCode(401);
        io.restassured.RestAssured.given().get("/orders/{id}", orderId).then().statusCode(401);
        io.restassured.RestAssured.given().get("/orders").then().statusCode(401);
        as(TestTokens.expired(customer)).get("/orders/{id}", orderId).then().statusCode(401);
        as(TestTokens.signedByOtherKey(customer)).get("/orders").then().statusCode(401);
        assertThat(OrderingDatabase.ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void onlyCustomersPlaceOrders() {
        as(TestTokens.admin()).body(Map.of("lines", List.of(line(UUID.randomUUID(), 1)))).post("/orders").then()
                .statusCode(403);
    }

    @Test
    void invalidOrdersGetProblemDetailsNamingTheField() {
        invalid(Map.of("lines", List.of()), "lines");
        invalid(Map.of(), "lines");
        invalid(Map.of("lines", List.of(Map.of("productId", UUID.randomUUID().toString(), "quantity", 0))),
                "lines[0].quantity");
        invalid(Map.of("lines", List.of(Map.of("quantity", 1))), "lines[0].productId");
        invalid(Map.of("lines", java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> line(UUID.randomUUID(), 1)).toList()), "lines");
        asCustomer(customer).body("{\"lines\":[").post("/orders").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed request"));
        asCustomer(customer).body("{\"lines\":[{\"productId\":\"not-a-uuid\",\"quantity\":1}]}").post("/orders")
                .then().statusCode(400).contentType("application/problem+json");
        asCustomer(customer).queryParam("size", 0).get("/orders").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(OrderingDatabase.ordersOf(customer)).isZero();
    }

    private void invalid(Map<String, Object> body, String field) {
        asCustomer(customer).body(body).post("/orders").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }

    @SafeVarargs
    private static ExtractableResponse<Response> placeWithKey(UUID customerId, String key,
            Map<String, Object>... lines) {
        return asCustomer(customerId).header("Idempotency-Key", key).body(Map.of("lines", List.of(lines)))
                .post("/orders").then().statusCode(202).extract();
    }
}

package dev.bazaar.ordering.testsupport;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import dev.bazaar.infra.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The ordering HTTP API as a client calls it, with real tokens. */
public final class OrderingApi {

    private OrderingApi() {
    }

    public static Map<String, Object> line(UUID productId, int quantity) {
        return Map.of("productId", productId.toString(), "quantity", quantity);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asCustomer(UUID customerId) {
        return as(TestTokens.customer(customerId));
    }

    @SafeVarargs
    public static ValidatableResponse place(UUID customerId, Map<String, Object>... lines) {
        return asCustomer(customerId).body(Map.of("lines", Arrays.asList(lines))).post("/orders").then();
    }

    /** Places an order and returns its id. */
    @SafeVarargs
    public static UUID placeOrder(UUID customerId, Map<String, Object>... lines) {
        return UUID.fromString(place(customerId, lines).statusCode(202).extract().path("id"));
    }

    public static ValidatableResponse get(String token, UUID orderId) {
        return as(token).get("/orders/{id}", orderId).then();
    }

    public static JsonPath order(UUID customerId, UUID orderId) {
        return get(TestTokens.customer(customerId), orderId).statusCode(200).extract().jsonPath();
    }

    /** Polls GET /orders/{id} until the order is in {@code status}; returns that view. */
    public static JsonPath awaitStatus(UUID customerId, UUID orderId, String status) {
        String token = TestTokens.customer(customerId);
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(token).get("/orders/{id}", orderId).then().extract().jsonPath(),
                        view -> status.equals(view.getString("status")));
    }

    public static List<String> stepNames(JsonPath view) {
        return view.getList("steps.step", String.class);
    }
}

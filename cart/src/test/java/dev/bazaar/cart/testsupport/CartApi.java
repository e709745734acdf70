package dev.bazaar.cart.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import dev.bazaar.infra.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls to cart's HTTP API as one customer. */
public final class CartApi {

    private final UUID customerId;
    private final String token;

    private CartApi(UUID customerId) {
        this.customerId = customerId;
        this.token = TestTokens.customer(customerId);
    }

    /** A customer nobody else in the test run is. */
    public static CartApi newCustomer() {
        return new CartApi(UUID.randomUUID());
    }

    public UUID customerId() {
        return customerId;
    }

    public RequestSpecification request() {
        return given().auth().oauth2(token);
    }

    public ValidatableResponse cart() {
        return request().get("/carts/me").then();
    }

    public ValidatableResponse setQuantity(UUID productId, int quantity) {
        return setQuantity(productId, Map.of("quantity", quantity));
    }

    public ValidatableResponse setQuantity(UUID productId, Object body) {
        return request().contentType(ContentType.JSON).body(body).put("/carts/me/items/{id}", productId).then();
    }

    public ValidatableResponse remove(UUID productId) {
        return request().delete("/carts/me/items/{id}", productId).then();
    }

    public ValidatableResponse clear() {
        return request().delete("/carts/me").then();
    }

    public ValidatableResponse checkout() {
        return request().post("/carts/me/checkout").then();
    }

    public ValidatableResponse checkout(String idempotencyKey) {
        return request().header("Idempotency-Key", idempotencyKey).post("/carts/me/checkout").then();
    }

    /** Checks the cart out and returns the new order's id. */
    public UUID checkedOutOrder() {
        return UUID.fromString(checkout().statusCode(202).extract().path("orderId"));
    }

    public String cartId() {
        return cart().statusCode(200).extract().path("id");
    }
}

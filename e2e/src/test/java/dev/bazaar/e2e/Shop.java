package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The HTTP calls a client of Bazaar makes, as a customer or as the admin. */
public final class Shop {

    private final BazaarSystem system;

    public Shop(BazaarSystem system) {
        this.system = system;
    }

    /** A signed-up, logged-in customer. */
    public record Customer(UUID id, String email, String token) {
    }

    public Customer signUp(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.test";
        String password = "pw-" + UUID.randomUUID();
        String id = call("user", null).body(Map.of("email", email, "name", name, "password", password))
                .post("/users").then().statusCode(201).extract().path("id");
        return new Customer(UUID.fromString(id), email, login(email, password));
    }

    public String login(String email, String password) {
        return call("user", null).body(Map.of("email", email, "password", password)).post("/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    public String adminToken() {
        return login(BazaarSystem.ADMIN_EMAIL, system.adminPassword());
    }

    public void topUp(Customer customer, String amount) {
        call("user", adminToken()).body(Map.of("amount", new BigDecimal(amount)))
                .post("/users/" + customer.id() + "/credit/top-ups").then().statusCode(200);
    }

    public JsonPath account(Customer customer) {
        return call("user", customer.token()).get("/users/me").then().statusCode(200).extract().jsonPath();
    }

    public UUID createProduct(String skuPrefix, String price, int stock) {
        String sku = skuPrefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String id = call("catalog", adminToken())
                .body(Map.of("sku", sku, "name", "Product " + sku, "price", new BigDecimal(price),
                        "initialStock", stock))
                .post("/products").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public void reprice(UUID product, String price) {
        call("catalog", adminToken()).body(Map.of("price", new BigDecimal(price)))
                .put("/products/" + product + "/price").then().statusCode(200);
    }

    public JsonPath product(UUID product) {
        return call("catalog", null).get("/products/" + product).then().statusCode(200).extract().jsonPath();
    }

    /** Sets a cart line, waiting until cart has learnt of the product from catalog's events. */
    public void putInCart(Customer customer, UUID product, int quantity) {
        Awaitility.await("cart knows product " + product).atMost(Duration.ofSeconds(20))
                .until(() -> call("cart", customer.token()).body(Map.of("quantity", quantity))
                        .put("/carts/me/items/" + product).then().extract().statusCode() == 200);
    }

    public JsonPath cart(Customer customer) {
        return call("cart", customer.token()).get("/carts/me").then().statusCode(200).extract().jsonPath();
    }

    public void clearCart(Customer customer) {
        call("cart", customer.token()).delete("/carts/me").then().statusCode(200);
    }

    /** Checks out and returns the order id from the 202 response. */
    public UUID checkout(Customer customer, String idempotencyKey) {
        RequestSpecification request = call("cart", customer.token());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        String orderId = request.post("/carts/me/checkout").then().statusCode(202).extract().path("orderId");
        return UUID.fromString(orderId);
    }

    public JsonPath order(Customer customer, UUID order) {
        return call("ordering", customer.token()).get("/orders/" + order).then().statusCode(200).extract()
                .jsonPath();
    }

    /** Polls until ordering has the order in a terminal state (404 until it consumed the checkout). */
    public JsonPath awaitOutcome(Customer customer, UUID order, Duration timeout) {
        return Awaitility.await("outcome of order " + order).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var response = call("ordering", customer.token()).get("/orders/" + order).then().extract();
                    return response.statusCode() == 200 ? response.jsonPath() : null;
                }, json -> json != null && Shop.isTerminal(json.getString("status")));
    }

    public void cancel(Customer customer, UUID order) {
        call("ordering", customer.token()).post("/orders/" + order + "/cancel").then().statusCode(202);
    }

    public static boolean isTerminal(String status) {
        return "CONFIRMED".equals(status) || "REJECTED".equals(status) || "CANCELLED".equals(status);
    }

    public RequestSpecification call(String service, String token) {
        RequestSpecification request = given().baseUri(system.url(service)).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }
}

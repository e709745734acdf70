package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.e2e.checker.CheckReport;
import dev.bazaar.e2e.shipping.NginxGateway;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A client that only knows the gateway: the committed infra/gateway/nginx.conf, run by nginx in front of the four
 * running services, carries a whole order from sign-up to CONFIRMED, keeps Authorization and Idempotency-Key intact,
 * and answers 429 with a problem body once one client exceeds its rate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NginxGateway gateway;

    private final BazaarSystem system = BazaarSystem.shared();

    @BeforeAll
    static void startGateway() {
        BazaarSystem system = BazaarSystem.shared();
        Map<String, String> upstreams = new LinkedHashMap<>();
        for (String service : BazaarSystem.SERVICES) {
            upstreams.put(service, URI.create(system.url(service)).getAuthority());
        }
        gateway = new NginxGateway(BazaarSystem.ROOT.resolve("e2e/target/e2e-run/gateway"), upstreams);
        gateway.start();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    @Order(1)
    void placesAWholeOrderThroughTheGateway() {
        String admin = login(BazaarSystem.ADMIN_EMAIL, system.adminPassword());
        String email = "gateway-" + UUID.randomUUID() + "@example.test";
        ExtractableResponse<Response> signUp = api(null).body(Map.of("email", email, "name", "Grace",
                "password", "pw-gateway")).post("/api/users").then().statusCode(201).extract();
        String customerId = signUp.path("id");
        assertThat(signUp.header("Location")).endsWith("/api/users/" + customerId);
        String token = login(email, "pw-gateway");
        assertThat(api(token).get("/api/users/me").then().statusCode(200).extract().<String>path("email"))
                .as("Authorization reached the user service").isEqualTo(email);
        api(admin).body(Map.of("amount", new BigDecimal("100.00"))).post("/api/users/" + customerId
                + "/credit/top-ups").then().statusCode(200);
        String product = api(admin).body(Map.of("sku", "GW-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Gateway mug", "price", new BigDecimal("12.50"), "initialStock", 10))
                .post("/api/catalog/products").then().statusCode(201).extract().path("id");
        Awaitility.await("cart knows the product").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api(token).body(Map.of("quantity", 2)).put("/api/cart/me/items/" + product).then()
                        .extract().statusCode() == 200);

        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> checkout = api(token).header("Idempotency-Key", key)
                .post("/api/cart/me/checkout").then().statusCode(202).extract();
        String orderId = checkout.path("orderId");
        ExtractableResponse<Response> retry = api(token).header("Idempotency-Key", key)
                .post("/api/cart/me/checkout").then().extract();

        assertThat(retry.statusCode()).as("the retry is replayed, not a second checkout").isEqualTo(202);
        assertThat(retry.<String>path("orderId")).isEqualTo(orderId);
        assertThat(checkout.header("Location")).endsWith("/api/orders/" + orderId);
        assertThat(checkout.header("X-Request-Id")).isNotBlank();
        JsonPath order = Awaitility.await("order " + orderId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    var response = api(token).get("/api/orders/" + orderId).then().extract();
                    return response.statusCode() == 200 ? response.jsonPath() : null;
                }, json -> json != null && Shop.isTerminal(json.getString("status")));
        assertThat(order.getString("status")).isEqualTo("CONFIRMED");
        assertThat(new BigDecimal(order.getString("total"))).isEqualByComparingTo("25.00");
        assertThat(api(null).get("/api/catalog/products/" + product).then().statusCode(200).extract()
                .<Integer>path("available")).isEqualTo(8);

        CheckReport report = system.awaitQuietAndCheck(Duration.ofSeconds(60));
        assertThat(report.violations()).isEmpty();
    }

    @Test
    @Order(2)
    void oneClientPastItsRateGets429WithProblemDetails() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            burst.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/catalog/products?page="
                    + (i % 3))).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = burst.stream().map(CompletableFuture::join).toList();

        // What the gateway decides: the burst (40) and the refill pass to the service, the rest is refused. What the
        // service answers to those it got is its own business (on a busy machine it may be a 5xx).
        long passed = responses.stream().filter(r -> r.statusCode() != 429).count();
        assertThat(responses).extracting(HttpResponse::statusCode).contains(200, 429);
        assertThat(passed).as("requests let through to catalog").isBetween(20L, 70L);
        HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst()
                .orElseThrow();
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("title").asText()).isEqualTo("Too Many Requests");
        Awaitility.await("the client's budget refills").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api(null).get("/api/catalog/products").then().extract().statusCode() == 200);
    }

    private String login(String email, String password) {
        return api(null).body(Map.of("email", email, "password", password)).post("/api/auth/login").then()
                .statusCode(200).extract().path("accessToken");
    }

    private static RequestSpecification api(String token) {
        RequestSpecification request = given().baseUri(gateway.url()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }
}

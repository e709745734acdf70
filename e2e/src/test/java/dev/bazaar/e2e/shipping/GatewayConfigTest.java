package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The committed gateway configuration, loaded by the real nginx in front of stub services: it must pass
 * {@code nginx -t}, route every /api prefix to the right service with the documented path, pass Authorization and
 * Idempotency-Key through, carry a request id, and answer its own errors (404, 413, 429, 503) with problem details.
 * GatewayIT does the same against the real services with a whole order.
 */
class GatewayConfigTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work = Repository.file("e2e/target/gateway-config-test/" + java.util.UUID.randomUUID());

    private final Map<String, StubUpstream> services = new LinkedHashMap<>();
    private NginxGateway gateway;

    @BeforeEach
    void startGatewayInFrontOfStubServices() {
        services.put("catalog", new StubUpstream("catalog", "/products/p-1"));
        services.put("cart", new StubUpstream("cart", "/orders/o-1"));
        services.put("ordering", new StubUpstream("ordering", "/orders/o-2"));
        services.put("user", new StubUpstream("user", "/users/u-1"));
        Map<String, String> upstreams = new LinkedHashMap<>();
        services.forEach((name, stub) -> upstreams.put(name, stub.address()));
        gateway = new NginxGateway(work, upstreams);
        gateway.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        services.values().forEach(StubUpstream::close);
    }

    @Test
    void committedConfigPassesNginxSyntaxAndSemanticCheck() {
        Repository.CommandResult result = gateway.configTest();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("syntax is ok").contains("test is successful");
    }

    @Test
    void routesEveryApiPrefixToItsServiceWithTheDocumentedPath() throws Exception {
        assertRoute("GET", "/api/catalog/products?q=mug&page=1", "catalog", "/products?q=mug&page=1");
        assertRoute("GET", "/api/catalog/products/42", "catalog", "/products/42");
        assertRoute("GET", "/api/cart/me", "cart", "/carts/me");
        assertRoute("PUT", "/api/cart/me/items/42", "cart", "/carts/me/items/42");
        assertRoute("POST", "/api/cart/me/checkout", "cart", "/carts/me/checkout");
        assertRoute("POST", "/api/orders", "ordering", "/orders");
        assertRoute("GET", "/api/orders?mine=true", "ordering", "/orders?mine=true");
        assertRoute("POST", "/api/orders/o-2/cancel", "ordering", "/orders/o-2/cancel");
        assertRoute("POST", "/api/users", "user", "/users");
        assertRoute("GET", "/api/users/me", "user", "/users/me");
        assertRoute("POST", "/api/auth/login", "user", "/auth/login");
    }

    @Test
    void passesAuthorizationAndIdempotencyKeyThroughAndCarriesARequestId() throws Exception {
        HttpResponse<String> response = send(request("/api/cart/me/checkout").header("Authorization", "Bearer t0k3n")
                .header("Idempotency-Key", "key-1").header("X-Request-Id", "req-1")
                .POST(HttpRequest.BodyPublishers.noBody()));

        StubUpstream.Received received = services.get("cart").last();
        assertThat(received.header("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(received.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(received.header("X-Request-Id")).isEqualTo("req-1");
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-1");

        send(request("/api/catalog/products"));
        assertThat(services.get("catalog").last().header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void mapsLocationHeadersBackIntoTheGatewaysPaths() throws Exception {
        HttpResponse<String> checkout = send(request("/api/cart/me/checkout")
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> product = send(request("/api/catalog/products")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> user = send(request("/api/users").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(checkout.headers().firstValue("Location").orElseThrow()).endsWith("/api/orders/o-1");
        assertThat(product.headers().firstValue("Location").orElseThrow()).endsWith("/api/catalog/products/p-1");
        assertThat(user.headers().firstValue("Location").orElseThrow()).endsWith("/api/users/u-1");
    }

    @Test
    void unknownRoutesAndServiceInternalsGet404ProblemDetailsAndReachNoService() throws Exception {
        for (String path : List.of("/api/nope", "/api/catalogue/products", "/products", "/",
                "/api/catalog/q/metrics", "/api/catalog/admin/dead-letters", "/api/catalog/../q/health")) {
            assertProblem(send(request(path)), 404);
        }
        services.values().forEach(stub -> assertThat(stub.received()).isEmpty());
    }

    @Test
    void routesTheAdminApiOfEachServiceOnlyWithABearerToken() throws Exception {
        for (String service : Repository.SERVICES) {
            HttpResponse<String> response = send(request("/api/admin/" + service + "/dead-letters/q.1/replay/m-1?x=1")
                    .header("Authorization", "Bearer t0k3n").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(JSON.readTree(response.body()).path("service").asText()).isEqualTo(service);
            StubUpstream.Received received = services.get(service).last();
            assertThat(received.uri()).isEqualTo("/admin/dead-letters/q.1/replay/m-1?x=1");
            assertThat(received.header("Authorization")).isEqualTo("Bearer t0k3n");
        }
        services.values().forEach(stub -> stub.received().clear());

        HttpResponse<String> anonymous = send(request("/api/admin/ordering/status"));
        assertProblem(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(send(request("/api/admin/ordering/status").header("Authorization", "Basic YTpi")), 401);
        assertProblem(send(request("/api/admin/billing/status").header("Authorization", "Bearer t0k3n")), 404);
        assertProblem(send(request("/api/admin/ordering").header("Authorization", "Bearer t0k3n")), 404);
        services.values().forEach(stub -> assertThat(stub.received()).isEmpty());
    }

    @Test
    void servesTheOperatorConsolesStaticPagesWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = send(request("/console/"));
        HttpResponse<String> script = send(request("/console/js/app.js"));
        HttpResponse<String> redirect = send(request("/console"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Bazaar operator console</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/javascript");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        assertProblem(send(request("/console/nope.js")), 404);
        assertProblem(send(request("/console/../conf/nginx.conf")), 404);
        services.values().forEach(stub -> assertThat(stub.received()).isEmpty());
    }

    @Test
    void refusesBodiesOverTheLimitWith413ProblemDetails() throws Exception {
        HttpResponse<String> small = send(request("/api/users")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(60 * 1024))));
        HttpResponse<String> large = send(request("/api/users")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(65 * 1024))));

        assertThat(small.statusCode()).isEqualTo(201);
        assertProblem(large, 413);
        assertThat(services.get("user").received()).hasSize(1);
    }

    @Test
    void answers503ProblemDetailsWhenTheServiceIsDown() throws Exception {
        gateway.stop();
        Map<String, String> upstreams = new LinkedHashMap<>();
        services.forEach((name, stub) -> upstreams.put(name, stub.address()));
        upstreams.put("ordering", "127.0.0.1:" + closedPort());
        gateway = new NginxGateway(work, upstreams);
        gateway.start();

        HttpResponse<String> response = send(request("/api/orders/o-1"));

        assertProblem(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void limitsEachClientWith429ProblemDetailsPastTheBurst() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            burst.add(HTTP.sendAsync(request("/api/catalog/products?i=" + i).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = burst.stream().map(CompletableFuture::join).toList();

        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 429);
        assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isBetween(20L, 80L);
        assertThat(limited).isNotEmpty();
        assertProblem(limited.get(0), 429);
        assertThat(limited.get(0).headers().firstValue("Retry-After")).hasValue("1");
        assertThat(send(request("/healthz")).statusCode()).as("health is not rate limited").isEqualTo(200);
    }

    @Test
    void limitsLoginAndSignUpPerClientMoreTightlyThanTheRestOfTheApi() throws Exception {
        // Each client its own address, which the gateway takes from X-Forwarded-For (127.0.0.1 is trusted here).
        List<HttpResponse<String>> logins = burst("203.0.113.1", 30, i -> request("/api/auth/login")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        List<HttpResponse<String>> signUps = burst("203.0.113.2", 30, i -> request("/api/users")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        List<HttpResponse<String>> reads = burst("203.0.113.3", 30, i -> request(i % 2 == 0 ? "/api/users/me"
                : "/api/users"));

        assertLimitedToAboutTen(logins);
        assertLimitedToAboutTen(signUps);
        assertThat(reads).as("reading users stays under the general limit only").extracting(HttpResponse::statusCode)
                .containsOnly(200);
        assertThat(send(request("/api/auth/login").header("X-Forwarded-For", "203.0.113.4")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).as("another client").isIn(200, 201);
    }

    @Test
    void believesForwardedClientAddressesOnlyFromTrustedProxies() throws Exception {
        gateway.stop();
        Map<String, String> upstreams = new LinkedHashMap<>();
        services.forEach((name, stub) -> upstreams.put(name, stub.address()));
        gateway = new NginxGateway(work, upstreams, "192.0.2.1");
        gateway.start();

        // Every login names another client, but the connection does not come from a trusted proxy: one client.
        List<CompletableFuture<HttpResponse<String>>> spoofed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            spoofed.add(HTTP.sendAsync(request("/api/auth/login").header("X-Forwarded-For", "203.0.113." + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
        }

        assertLimitedToAboutTen(spoofed.stream().map(CompletableFuture::join).toList());
        assertThat(services.get("user").last().header("X-Forwarded-For")).endsWith(", 127.0.0.1");
    }

    /** A burst of 10 (plus what 5 a second refill during it) passes, the rest gets 429 problem details. */
    private static void assertLimitedToAboutTen(List<HttpResponse<String>> responses) throws IOException {
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(responses).extracting(HttpResponse::statusCode).isSubsetOf(200, 201, 429);
        assertThat(responses.size() - limited.size()).as("passed").isBetween(10, 20);
        assertProblem(limited.get(0), 429);
        assertThat(limited.get(0).headers().firstValue("Retry-After")).hasValue("1");
    }

    private List<HttpResponse<String>> burst(String client, int count,
            IntFunction<HttpRequest.Builder> request) {
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            burst.add(HTTP.sendAsync(request.apply(i).header("X-Forwarded-For", client).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return burst.stream().map(CompletableFuture::join).toList();
    }

    private void assertRoute(String method, String path, String service, String upstreamUri) throws Exception {
        HttpRequest.BodyPublisher body = "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}");
        HttpResponse<String> response = send(request(path).method(method, body));

        assertThat(response.statusCode()).as(method + " " + path).isIn(200, 201);
        assertThat(JSON.readTree(response.body()).path("service").asText()).as(method + " " + path)
                .isEqualTo(service);
        StubUpstream.Received received = services.get(service).last();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.uri()).as(method + " " + path).isEqualTo(upstreamUri);
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

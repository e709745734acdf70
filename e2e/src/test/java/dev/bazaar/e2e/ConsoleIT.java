package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;

import dev.bazaar.e2e.checker.CheckReport;
import dev.bazaar.e2e.shipping.NginxGateway;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The operator console in a real browser: Debian's headless Chromium, driven by playwright-core
 * (e2e/console-test/console.mjs), against the committed gateway (nginx) in front of the four packaged services. An
 * admin finds an order and reads its saga timeline; rejections are counted by kind as the API counts them; a checkout
 * that ordering cannot store dead-letters, is listed with its reason, is replayed from the page once its cause is gone
 * and takes effect once; a poison message is discarded from the page; a customer is refused by the page and by every
 * admin route it calls; a stopped service is named as down and an order waiting for it is listed as stuck.
 * Screenshots of every page land in e2e/target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DRIVER = BazaarSystem.ROOT.resolve("e2e/console-test");
    private static final Path SCREENSHOTS = BazaarSystem.ROOT.resolve("e2e/target/console-screenshots");
    private static final String CHROMIUM = System.getProperty("bazaar.chromium", "/usr/bin/chromium");
    /** ordering's OrderRepository.SWEEP_LOCK_KEY: while a test holds it, the deadline sweeper does not run. */
    private static final long SWEEP_LOCK_KEY = 0x6261_7a61_6172_0101L;
    private static NginxGateway gateway;
    private static String adminToken;

    private final BazaarSystem system = BazaarSystem.shared();

    @BeforeAll
    static void startGateway() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException(CHROMIUM + " is missing: apt-get install chromium (./bazaar test does)");
        }
        if (!Files.isDirectory(DRIVER.resolve("node_modules/playwright-core"))) {
            throw new IllegalStateException("playwright-core is missing: npm ci in " + DRIVER + " (./bazaar test does)");
        }
        BazaarSystem system = BazaarSystem.shared();
        Map<String, String> upstreams = new LinkedHashMap<>();
        for (String service : BazaarSystem.SERVICES) {
            upstreams.put(service, URI.create(system.url(service)).getAuthority());
        }
        gateway = new NginxGateway(BazaarSystem.ROOT.resolve("e2e/target/e2e-run/console-gateway"), upstreams);
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
    void theAdminFindsAnOrderPlacedThroughTheApiAndReadsItsSagaTimeline() throws Exception {
        Buyer buyer = buyer("Ada", "100.00");
        String product = product("12.50", 10);
        String orderId = checkout(buyer, product, 2);
        awaitStatus(buyer, orderId, "CONFIRMED");

        JsonNode seen = browse("order", orderId, buyer.email());

        assertThat(seen.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(seen.path("total").asText()).isEqualTo("25.00");
        assertThat(seen.path("lines").asInt()).isEqualTo(1);
        List<String> steps = texts(seen.path("timeline"), "step");
        assertThat(steps).containsSubsequence("order placed", "sent stock.reserve", "received stock.reserved",
                "PENDING -> STOCK_RESERVED", "sent credit.reserve", "received credit.reserved",
                "STOCK_RESERVED -> CONFIRMED", "sent order.confirmed");
        JsonNode reserve = step(seen, "sent stock.reserve");
        assertThat(reserve.path("service").asText()).isEqualTo("catalog");
        assertThat(reserve.path("messageType").asText()).isEqualTo("stock.reserve");
        assertThat(reserve.path("messageId").asText()).matches("[0-9a-f-]{36}");
        assertThat(reserve.path("deadline").asText()).isEqualTo("met");
        assertThat(step(seen, "received credit.reserved").path("service").asText()).isEqualTo("user");
        assertThat(step(seen, "received credit.reserved").path("deadline").asText()).isEqualTo("met");
        assertThat(step(seen, "order placed").path("messageType").asText()).isEqualTo("cart.checked-out");
        assertThat(seen.path("reservation").asText()).contains("COMMITTED").contains("25.00");
        assertThat(seen.path("hold").asText()).contains("CAPTURED").contains("25.00");
        assertThat(texts(seen.path("customerOrders"), null)).containsExactly(orderId);
    }

    @Test
    @Order(2)
    void theStuckAndFailingPageCountsRejectionsByKindAsTheApiDoesAndShowsEveryOutbox() throws Exception {
        long before = rejections("insufficient credit");
        Buyer broke = buyer("Bob", "1.00");
        String orderId = checkout(broke, product("30.00", 5), 1);
        awaitStatus(broke, orderId, "REJECTED");

        JsonNode seen = browse("attention");

        JsonNode credit = kind(seen.path("rejections"), "insufficient credit");
        assertThat(credit.path("orders").asLong()).as("Bob's rejection is counted with the earlier ones")
                .isEqualTo(before + 1).isEqualTo(rejections("insufficient credit"));
        assertThat(credit.path("example").asText()).contains("insufficient credit: need 30.00, available 1.00");
        JsonNode stuck = adminJson("/api/admin/ordering/orders/stuck?olderThan=PT1M&limit=200");
        assertThat(texts(seen.path("stuck"), "id")).as("the unfinished sagas, as the API lists them")
                .containsExactlyElementsOf(texts(stuck.path("orders"), "id"));
        assertThat(seen.path("stuckEmpty").asBoolean()).isEqualTo(stuck.path("orders").isEmpty());
        assertThat(seen.path("outboxes")).hasSize(4);
        for (JsonNode row : seen.path("outboxes")) {
            assertThat(row.path("cells").get(0).asText()).as(row.path("service").asText()).matches("\\d+");
        }
    }

    @Test
    @Order(3)
    void aCheckoutOrderingCannotStoreIsDeadLetteredThenReplayedFromThePageAndTakesEffectOnce() throws Exception {
        Buyer buyer = buyer("Carol", "100.00");
        String product = product("4.00", 10);
        // the cause: ordering cannot store this customer's orders (as a broken migration or a bad constraint would)
        sql("create function console_it_refuse() returns trigger language plpgsql as $$ begin "
                + "raise exception 'orders of customer % are refused (test fault)', new.customer_id; end $$");
        sql("create trigger console_it_refuse before insert on orders for each row when (new.customer_id = '"
                + buyer.id() + "') execute function console_it_refuse()");
        String orderId;
        try {
            orderId = checkout(buyer, product, 3);

            JsonNode parked = browse("deadLetters", orderId);

            JsonNode listed = parked.path("listed");
            assertThat(listed.path("service").asText()).isEqualTo("ordering");
            assertThat(listed.path("queue").asText()).isEqualTo("ordering.checkouts");
            assertThat(listed.path("type").asText()).isEqualTo("cart.checked-out");
            assertThat(listed.path("reason").asText()).startsWith("handler failed after")
                    .contains("are refused (test fault)");
            assertThat(parked.path("headers").path("x-bazaar-dead-letter-reason").asText())
                    .isEqualTo(listed.path("reason").asText());
            assertThat(parked.path("body").asText()).contains(orderId).contains("\"type\": \"cart.checked-out\"");
            admin().get("/api/orders/" + orderId).then().statusCode(404);
        } finally {
            sql("drop trigger if exists console_it_refuse on orders");
            sql("drop function if exists console_it_refuse()");
        }

        JsonNode replayed = browse("replay", orderId);

        assertThat(replayed.path("notice").asText()).startsWith("Replayed 1 ").contains(orderId);
        assertThat(replayed.path("stillListed").asInt()).as("the list no longer shows it").isZero();
        assertThat(replayed.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(texts(replayed.path("timeline"), "step")).containsSubsequence("order placed",
                "sent stock.reserve", "received stock.reserved", "STOCK_RESERVED -> CONFIRMED");
        assertThat(texts(replayed.path("timeline"), "step")).filteredOn("order placed"::equals).hasSize(1);
        assertThat(replayed.path("reservation").asText()).contains("12.00");
        CheckReport report = system.awaitQuietAndCheck(Duration.ofSeconds(60));
        assertThat(report.violations()).as("one order, one reservation, one charge: the effect happened once")
                .isEmpty();
        assertThat(count("select count(*) from orders where customer_id = '" + buyer.id() + "'")).isEqualTo(1);
        awaitEmpty("ordering.checkouts.dlq");
    }

    @Test
    @Order(4)
    void aPoisonMessageIsRefusedToACustomerAndDiscardedFromThePage() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        poison("ordering.checkouts", messageId, orderId);
        String path = "/api/admin/ordering/dead-letters/ordering.checkouts/";
        Awaitility.await("the poison message is dead-lettered").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> admin().get(path + messageId).then().extract().statusCode() == 200);
        String customer = buyer("Fay", "10.00").token();
        api(customer).delete(path + messageId).then().statusCode(403);
        api(customer).post(path + "replay/" + messageId).then().statusCode(403);
        admin().get(path + messageId).then().statusCode(200);

        JsonNode seen = browse("discard", orderId);

        assertThat(seen.path("messageId").asText()).isEqualTo(messageId);
        assertThat(seen.path("question").asText()).contains("Discard this dead letter?").contains(messageId);
        assertThat(seen.path("notice").asText()).startsWith("Discarded 1 ").contains(messageId);
        assertThat(seen.path("stillListed").asInt()).as("the list no longer shows it").isZero();
        admin().get(path + messageId).then().statusCode(404);
        awaitEmpty("ordering.checkouts.dlq");
    }

    @Test
    @Order(5)
    void aCustomerIsRefusedByTheConsoleAndByEveryAdminRouteItCalls() throws Exception {
        Buyer customer = buyer("Dave", "10.00");
        String orderId = checkout(customer, product("2.00", 5), 1);
        awaitStatus(customer, orderId, "CONFIRMED");

        JsonNode seen = browseAs(customer.email(), customer.password(), "refused");

        assertThat(seen.path("error").asText()).contains("not an admin").contains("403");
        assertThat(seen.path("navigationVisible").asBoolean()).isFalse();
        // every route of infra/gateway/console/js, with the customer's own order and e-mail where it takes one
        List<String[]> routes = new ArrayList<>(List.of(
                new String[] {"GET", "user/customers?email=" + customer.email()},
                new String[] {"GET", "ordering/orders/" + orderId + "/timeline"},
                new String[] {"GET", "catalog/stock-reservations/" + orderId},
                new String[] {"GET", "user/credit-holds/" + orderId},
                new String[] {"GET", "ordering/orders/stuck?olderThan=PT1M&limit=200"},
                new String[] {"GET", "ordering/orders/rejections?window=PT1H"}));
        for (String service : BazaarSystem.SERVICES) {
            routes.add(new String[] {"GET", service + "/status"});
            routes.add(new String[] {"GET", service + "/dead-letters?limit=200"});
            for (JsonNode queue : adminJson("/api/admin/" + service + "/dead-letters?limit=200")) {
                String single = service + "/dead-letters/" + queue.path("queue").asText() + "/" + UUID.randomUUID();
                routes.add(new String[] {"GET", single});
                routes.add(new String[] {"DELETE", single});
                routes.add(new String[] {"POST", service + "/dead-letters/" + queue.path("queue").asText()
                        + "/replay/" + UUID.randomUUID()});
                routes.add(new String[] {"POST", service + "/dead-letters/" + queue.path("queue").asText()
                        + "/replay"});
            }
        }
        assertThat(routes).hasSizeGreaterThan(6 + 2 * BazaarSystem.SERVICES.size());
        for (String[] route : routes) {
            String path = "/api/admin/" + route[1];
            assertThat(statusOf(route[0], path, customer.token())).as("%s %s with a customer's token", route[0], path)
                    .isEqualTo(403);
            assertThat(statusOf(route[0], path, null)).as("%s %s without a token", route[0], path).isEqualTo(401);
        }
        // The loop spent this client's burst at the gateway (40 requests, refilled at 20 a second): leave it full, so
        // that the next test's first requests are not answered 429 (CI saw a sign-up refused so).
        Awaitility.await("the gateway's burst refilled").pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> true);
    }

    @Test
    @Order(6)
    void aStoppedServiceIsNamedAsDownAndAnOrderWaitingForItIsListedAsStuck() throws Exception {
        Buyer buyer = buyer("Erin", "100.00");
        String orderId = checkout(buyer, product("5.00", 3), 1);
        awaitStatus(buyer, orderId, "CONFIRMED");
        Buyer waiting = buyer("Gus", "100.00");
        putInCart(waiting, product("6.00", 3), 1);
        JsonNode before = browse("status", "status");
        assertThat(before.path("services")).allSatisfy(card -> assertThat(card.path("status").asText())
                .as(card.path("service").asText()).isEqualTo("UP"));

        ServiceProcess catalog = system.service("catalog");
        catalog.stop();
        String stuckId = null;
        try {
            JsonNode seen = browse("status", "status-catalog-down", orderId);

            for (JsonNode card : seen.path("services")) {
                if (card.path("service").asText().equals("catalog")) {
                    assertThat(card.path("status").asText()).isEqualTo("DOWN");
                    assertThat(card.path("text").asText()).contains("catalog is down");
                } else {
                    assertThat(card.path("status").asText()).as(card.path("service").asText()).isEqualTo("UP");
                }
            }
            assertThat(seen.path("order").path("reservation").asText()).contains("catalog").contains("DOWN");
            assertThat(seen.path("order").path("hold").asText()).contains("CAPTURED");

            // an order waits for catalog's answer; the sweeper is held off, so it stays waiting past its deadline
            stuckId = placeCheckout(waiting);
            awaitStatus(waiting, stuckId, "PENDING");
            try (Connection sweepLock = DriverManager.getConnection(system.databases().ordering(), "postgres", "")) {
                sweepLock.setAutoCommit(false);
                try (Statement sql = sweepLock.createStatement()) {
                    sql.execute("select pg_advisory_xact_lock(" + SWEEP_LOCK_KEY + ")");
                }
                sql("update orders set deadline_at = now() - interval '1 second' where id = '" + stuckId + "'");

                JsonNode attention = browse("attention", "attention-catalog-down");

                JsonNode listed = null;
                for (JsonNode row : attention.path("stuck")) {
                    listed = row.path("id").asText().equals(stuckId) ? row : listed;
                }
                assertThat(listed).as("the waiting order in " + attention.path("stuckText").asText()).isNotNull();
                assertThat(listed.path("status").asText()).isEqualTo("PENDING");
                assertThat(listed.path("deadline").asText()).contains("overdue");
                assertThat(texts(attention.path("stuck"), "id")).as("the unfinished sagas, as the API lists them")
                        .containsExactlyElementsOf(texts(adminJson(
                                "/api/admin/ordering/orders/stuck?olderThan=PT1M&limit=200").path("orders"), "id"));
                assertThat(attention.path("outboxes").toString()).contains("catalog").contains("DOWN");
                sweepLock.rollback();
            }
        } finally {
            catalog.start();
            catalog.awaitReady(Duration.ofSeconds(120));
        }
        // catalog's late answer or the deadline ends it; either way the saga finishes consistently
        String finished = stuckId;
        Awaitility.await("order " + finished + " finished").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> List.of("CONFIRMED", "REJECTED").contains(
                        api(waiting.token()).get("/api/orders/" + finished).then().extract().path("status")));
    }

    // --- the browser ---------------------------------------------------------------------------------------------

    private JsonNode browse(String scenario, String... args) throws IOException, InterruptedException {
        return browseAs(BazaarSystem.ADMIN_EMAIL, system.adminPassword(), scenario, args);
    }

    /** Runs one scenario of console.mjs in Chromium; returns what it saw, or fails with its error and output. */
    private JsonNode browseAs(String email, String password, String scenario, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", DRIVER.resolve("console.mjs").toString(), scenario));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DRIVER.toFile()).redirectErrorStream(true);
        builder.environment().put("CONSOLE_URL", gateway.url() + "/console/");
        builder.environment().put("CONSOLE_EMAIL", email);
        builder.environment().put("CONSOLE_PASSWORD", password);
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        builder.environment().put("CHROMIUM", CHROMIUM);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("console.mjs " + scenario + " did not finish in 180 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String last = output.lines().filter(line -> line.startsWith("{\"ok\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("console.mjs " + scenario + " printed no result:\n" + output));
        JsonNode result = JSON.readTree(last);
        if (!result.path("ok").asBoolean() || process.exitValue() != 0) {
            throw new AssertionError("console.mjs " + scenario + " failed:\n" + result.path("error").asText()
                    + "\n" + output);
        }
        assertThat(result.path("pageErrors")).as("JavaScript errors on the page").isEmpty();
        return result.path("result");
    }

    private static JsonNode step(JsonNode seen, String name) {
        for (JsonNode entry : seen.path("timeline")) {
            if (entry.path("step").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no step " + name + " in " + seen.path("timeline"));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(field == null ? node.asText() : node.path(field).asText()));
        return texts;
    }

    // --- the shop, through the gateway ---------------------------------------------------------------------------

    private record Buyer(String id, String email, String password, String token) {
    }

    private Buyer buyer(String name, String credit) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
        String password = "pw-" + UUID.randomUUID();
        String id = api(null).body(Map.of("email", email, "name", name, "password", password)).post("/api/users")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("amount", new BigDecimal(credit))).post("/api/users/" + id + "/credit/top-ups").then()
                .statusCode(200);
        return new Buyer(id, email, password, login(email, password));
    }

    private String product(String price, int stock) {
        return admin().body(Map.of("sku", "CONSOLE-" + UUID.randomUUID().toString().substring(0, 8), "name",
                "Console mug", "price", new BigDecimal(price), "initialStock", stock)).post("/api/catalog/products")
                .then().statusCode(201).extract().path("id");
    }

    private String checkout(Buyer buyer, String product, int quantity) {
        putInCart(buyer, product, quantity);
        return placeCheckout(buyer);
    }

    private void putInCart(Buyer buyer, String product, int quantity) {
        Awaitility.await("cart knows the product").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> api(buyer.token()).body(Map.of("quantity", quantity)).put("/api/cart/me/items/" + product)
                        .then().extract().statusCode() == 200);
    }

    private String placeCheckout(Buyer buyer) {
        return api(buyer.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/cart/me/checkout").then().statusCode(202).extract().path("orderId");
    }

    private void awaitStatus(Buyer buyer, String orderId, String status) {
        Awaitility.await("order " + orderId + " " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    var response = api(buyer.token()).get("/api/orders/" + orderId).then().extract();
                    return response.statusCode() == 200 && status.equals(response.path("status"));
                });
    }

    private String login(String email, String password) {
        return api(null).body(Map.of("email", email, "password", password)).post("/api/auth/login").then()
                .statusCode(200).extract().path("accessToken");
    }

    /** The admin's token, logged in once: logins have a tight rate limit of their own at the gateway. */
    private RequestSpecification admin() {
        if (adminToken == null) {
            adminToken = login(BazaarSystem.ADMIN_EMAIL, system.adminPassword());
        }
        return api(adminToken);
    }

    /** Waits for the broker to count no message in {@code queue} (its count can lag an ack just made). */
    private void awaitEmpty(String queue) {
        Awaitility.await(queue + " empty").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(system.backends().queueDepths(system.vhost()))
                        .containsEntry(queue, 0L));
    }

    private JsonNode adminJson(String path) throws IOException {
        return JSON.readTree(admin().get(path).then().statusCode(200).extract().asString());
    }

    /** How many orders ordering's API counts for a kind of rejection reason in the last hour. */
    private long rejections(String kind) throws IOException {
        JsonNode found = kind(adminJson("/api/admin/ordering/orders/rejections?window=PT1H").path("reasons"), kind);
        return found == null ? 0 : found.path("orders").asLong();
    }

    private static JsonNode kind(JsonNode rows, String kind) {
        for (JsonNode row : rows) {
            if (row.path("kind").asText().equals(kind)) {
                return row;
            }
        }
        return null;
    }

    /**
     * The status a request gets, past the gateway's rate limit: many requests in a row from one client may get 429
     * first, and are then sent again after its Retry-After.
     */
    private static int statusOf(String method, String path, String token) {
        int[] status = new int[1];
        Awaitility.await(method + " " + path).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    status[0] = api(token).request(method, path).then().extract().statusCode();
                    return status[0] != 429;
                });
        return status[0];
    }

    private static RequestSpecification api(String token) {
        RequestSpecification request = given().baseUri(gateway.url()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }

    /** Puts a message that is not even JSON straight into a consumer's queue, as a broken producer could. */
    private void poison(String queue, String messageId, String orderId) throws Exception {
        system.backends().publishToQueue(system.vhost(), queue, new AMQP.BasicProperties.Builder()
                .contentType("application/json").type("cart.checked-out").messageId(messageId).correlationId(orderId)
                .deliveryMode(2).build(), "{not json".getBytes(StandardCharsets.UTF_8));
    }

    // --- ordering's database, where the test puts and removes the fault --------------------------------------------

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(system.databases().ordering(), "postgres", "");
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(system.databases().ordering(), "postgres", "");
                Statement sql = connection.createStatement(); var rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

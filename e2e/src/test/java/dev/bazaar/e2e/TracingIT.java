package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.e2e.OtlpReceiver.ReceivedSpan;
import dev.bazaar.e2e.Shop.Customer;
import dev.bazaar.e2e.faults.CrushedLink;

/**
 * One trace per order, for real: the four packaged services export OTLP/HTTP to a receiver in this test (sampling
 * 100 %), and each order's spans must form one trace rooted at the HTTP command, with spans from all four services,
 * every parent present and the saga's hops in causal order: after a plain checkout, after the relay published a
 * message whose publish after commit failed (ordering's broker link frozen), and after a dead-lettered message was
 * replayed. An order whose stock reply is overdue has its deadline expiry, and the compensation that sends, in its
 * trace too. The same orders' JSON log lines carry their trace and order ids, and {@code ./bazaar logs ORDER_ID}
 * prints them from all four services.
 */
class TracingIT {

    private static final Duration OUTCOME = Duration.ofSeconds(90);
    /** How long ordering waits for catalog's stock reply; short, for the test whose reply comes too late. */
    private static final Duration STOCK_DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The saga's hops of a confirmed order, in causal order (each one's span descends from the previous one's). */
    private static final List<String> CONFIRMED_HOPS = List.of("catalog.stock-commands process",
            "ordering.stock-replies process", "user.credit-commands process", "ordering.credit-replies process",
            "cart.order-outcomes process");

    private static OtlpReceiver receiver;
    private static CrushedLink orderingBrokerLink;
    private static BazaarSystem system;
    private static Shop shop;

    @BeforeAll
    static void start() throws IOException {
        receiver = OtlpReceiver.start(true);
        Backends backends = Backends.local();
        orderingBrokerLink = new CrushedLink(backends.amqpPort());
        system = new BazaarSystem("tracing", backends);
        system.start(Map.of("BAZAAR_OTLP_ENDPOINT", receiver.endpoint(), "BAZAAR_TRACE_SAMPLING", "1",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms", "BAZAAR_INBOX_MAX_ATTEMPTS", "2",
                        "BAZAAR_SAGA_CREDIT_DEADLINE", "120s",
                        "BAZAAR_SAGA_STOCK_DEADLINE", STOCK_DEADLINE.toSeconds() + "s"),
                Map.of("ordering", Map.of("BAZAAR_RABBITMQ_PORT", String.valueOf(orderingBrokerLink.port()),
                        "BAZAAR_OUTBOX_PUBLISH_TIMEOUT", "2s")));
        shop = new Shop(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.destroy();
        }
        if (orderingBrokerLink != null) {
            orderingBrokerLink.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aCheckedOutOrderIsOneTraceThroughTheFourServicesAndItsLogLinesCarryItsIds() throws Exception {
        Customer ada = shop.signUp("Ada");
        shop.topUp(ada, "100.00");
        UUID mug = shop.createProduct("TRACE", "12.50", 10);
        shop.putInCart(ada, mug, 2);

        UUID orderId = shop.checkout(ada, null);
        assertThat(shop.awaitOutcome(ada, orderId, OUTCOME).getString("status")).isEqualTo("CONFIRMED");

        List<String> hops = new ArrayList<>(List.of("ordering.checkouts process"));
        hops.addAll(CONFIRMED_HOPS);
        List<ReceivedSpan> trace = awaitTrace(orderId, hops);
        assertOneConnectedTrace(trace, "cart", "POST");
        assertCausalOrder(trace, hops);
        assertThat(trace).filteredOn(span -> span.service().equals("ordering"))
                .flatMap(ReceivedSpan::events)
                .as("the saga's decisions as events of ordering's spans")
                .contains("saga order placed", "saga sent stock.reserve", "saga received stock.reserved",
                        "saga sent credit.reserve", "saga received credit.reserved");

        String traceId = trace.get(0).traceId();
        for (String service : BazaarSystem.SERVICES) {
            assertThat(logLines(service, orderId)).as(service + "'s JSON log lines naming the order")
                    .anySatisfy(line -> {
                        assertThat(mdc(line, "orderId")).isEqualTo(orderId.toString());
                        assertThat(mdc(line, "traceId")).isEqualTo(traceId);
                        assertThat(mdc(line, "messageId")).isNotBlank();
                    });
        }
        List<String> printed = bazaarLogs(orderId);
        assertThat(printed).allSatisfy(line -> assertThat(line).contains(orderId.toString()));
        assertThat(printed.stream().map(line -> line.substring(0, line.indexOf(" | "))).collect(Collectors.toSet()))
                .as("services in ./bazaar logs " + orderId)
                .containsExactlyInAnyOrderElementsOf(BazaarSystem.SERVICES);
        List<Instant> times = new ArrayList<>();
        for (String line : printed) {
            times.add(Instant.parse(JSON.readTree(line.substring(line.indexOf(" | ") + 3)).path("timestamp").asText()));
        }
        assertThat(times).as("merged in time order").isSorted();
    }

    @Test
    void anOrderWhoseFirstCommandTheRelayPublishedIsStillOneTrace() throws Exception {
        Customer bea = shop.signUp("Bea");
        shop.topUp(bea, "100.00");
        UUID lamp = shop.createProduct("RELAY", "30.00", 5);

        orderingBrokerLink.freeze();
        UUID orderId;
        try {
            orderId = placeOrder(bea, lamp);
            // the publish right after the commit cannot be confirmed: it times out and leaves the row to the relay
            Awaitility.await("ordering gives up publishing after its commit").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(system.work().resolve("ordering.log"))
                            .contains("published again later"));
        } finally {
            orderingBrokerLink.unfreeze();
        }
        assertThat(shop.awaitOutcome(bea, orderId, OUTCOME).getString("status")).isEqualTo("CONFIRMED");

        List<ReceivedSpan> trace = awaitTrace(orderId, CONFIRMED_HOPS);
        assertOneConnectedTrace(trace, "ordering", "POST");
        assertCausalOrder(trace, CONFIRMED_HOPS);
    }

    @Test
    void aDeadLetteredCommandReplayedAfterTheFixContinuesItsOrdersTrace() throws Exception {
        Customer cy = shop.signUp("Cy");
        shop.topUp(cy, "100.00");
        UUID kettle = shop.createProduct("REPLAY", "40.00", 5);
        shop.putInCart(cy, kettle, 1);
        String userDatabase = system.database("user");

        // user's credit holds are unreachable: credit.reserve fails its attempts and is dead-lettered
        system.backends().sql(userDatabase, "alter table credit_hold rename to credit_hold_away");
        UUID orderId;
        try {
            orderId = shop.checkout(cy, null);
            Awaitility.await("credit.reserve of " + orderId + " dead-lettered").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deadLetters("user.credit-commands").contains(orderId.toString()));
        } finally {
            system.backends().sql(userDatabase, "alter table credit_hold_away rename to credit_hold");
        }
        shop.call("user", shop.adminToken()).post("/admin/dead-letters/user.credit-commands/replay")
                .then().statusCode(200);
        assertThat(shop.awaitOutcome(cy, orderId, OUTCOME).getString("status")).isEqualTo("CONFIRMED");

        List<String> hops = new ArrayList<>(List.of("ordering.checkouts process"));
        hops.addAll(CONFIRMED_HOPS);
        List<ReceivedSpan> trace = awaitTrace(orderId, hops);
        assertOneConnectedTrace(trace, "cart", "POST");
        assertCausalOrder(trace, hops);
        assertThat(trace).filteredOn(span -> span.name().equals("user.credit-commands dead-letter"))
                .as("the dead-lettering, in the order's trace").hasSize(1);
    }

    @Test
    void anOverdueStockReplyRejectsTheOrderInItsTraceAndTheCompensationContinuesIt() throws Exception {
        Customer dee = shop.signUp("Dee");
        shop.topUp(dee, "100.00");
        UUID vase = shop.createProduct("EXPIRY", "20.00", 5);
        ServiceProcess catalog = system.service("catalog");

        // catalog is down: stock.reserve waits in its queue, and the order's stock deadline passes
        catalog.kill();
        UUID orderId;
        try {
            orderId = placeOrder(dee, vase);
            assertThat(shop.awaitOutcome(dee, orderId, STOCK_DEADLINE.plus(OUTCOME)).getString("status"))
                    .isEqualTo("REJECTED");
        } finally {
            catalog.start();
            catalog.awaitReady(Duration.ofSeconds(120));
        }

        // back, catalog takes the late stock.reserve and the expiry's stock.release; both are in the order's trace
        List<String> hops = List.of("saga deadline expired", "catalog.stock-commands process");
        List<ReceivedSpan> trace = awaitCausalTrace(orderId, hops);
        assertConnectedTrace(trace, "ordering", "POST", Set.of("ordering", "catalog"));
        assertThat(trace).filteredOn(span -> span.name().equals("saga deadline expired")).singleElement()
                .satisfies(expiry -> {
                    assertThat(expiry.service()).isEqualTo("ordering");
                    assertThat(expiry.attributes()).containsEntry("order.id", orderId.toString());
                    assertThat(expiry.events()).as("the expiry's decision")
                            .contains("saga deadline passed", "saga sent stock.release", "saga sent order.rejected");
                });
    }

    @Test
    void aCancellationIsASpanOfItsOrdersTraceLinkedToTheRequestAndItsReleasesContinueIt() throws Exception {
        Customer eli = shop.signUp("Eli");
        shop.topUp(eli, "100.00");
        UUID bowl = shop.createProduct("CANCEL", "15.00", 5);
        UUID orderId = placeOrder(eli, bowl);
        assertThat(shop.awaitOutcome(eli, orderId, OUTCOME).getString("status")).isEqualTo("CONFIRMED");

        shop.cancel(eli, orderId);
        Awaitility.await("order " + orderId + " cancelled").atMost(OUTCOME).pollInterval(Duration.ofMillis(200))
                .until(() -> shop.call("ordering", eli.token()).get("/orders/" + orderId).then().extract()
                        .path("status"), "CANCELLED"::equals);

        List<String> stockRelease = List.of("saga cancellation", "catalog.stock-commands process");
        List<String> creditRelease = List.of("saga cancellation", "user.credit-commands process");
        List<ReceivedSpan> trace = awaitCausalTrace(orderId, stockRelease, creditRelease);
        assertOneConnectedTrace(trace, "ordering", "POST");
        List<ReceivedSpan> cancellations = trace.stream().filter(span -> span.name().equals("saga cancellation"))
                .toList();
        assertThat(cancellations).as("cancellation spans").hasSize(1);
        ReceivedSpan cancellation = cancellations.get(0);
        assertThat(cancellation.events()).as("the cancellation's decision")
                .contains("saga cancel requested", "saga sent stock.release", "saga sent credit.release");
        ReceivedSpan request = receiver.spans().stream()
                .filter(span -> span.service().equals("ordering") && span.isRoot()
                        && span.name().startsWith("POST") && span.name().contains("cancel"))
                .filter(span -> cancellation.links().contains(span.traceId() + "/" + span.spanId()))
                .findFirst().orElse(null);
        assertThat(request).as("the cancel request's span, linked from " + cancellation.links()).isNotNull();
        assertThat(request.traceId()).as("the request's own trace").isNotEqualTo(cancellation.traceId());
    }

    /**
     * The order's trace once each chain of hops is in it in causal order (spans of a later step arrive after the
     * earlier ones, or a second span of the same name may be the one that descends).
     */
    @SafeVarargs
    private static List<ReceivedSpan> awaitCausalTrace(UUID orderId, List<String>... chains) {
        return Awaitility.await("hops " + List.of(chains) + " in the trace of " + orderId)
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    List<ReceivedSpan> spans = awaitTrace(orderId, chains[0]);
                    for (List<String> chain : chains) {
                        assertCausalOrder(spans, chain);
                    }
                    return spans;
                }, spans -> true);
    }

    private static UUID placeOrder(Customer customer, UUID product) {
        return UUID.fromString(shop.call("ordering", customer.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("lines", List.of(Map.of("productId", product.toString(), "quantity", 1))))
                .post("/orders").then().statusCode(202).extract().path("id"));
    }

    private static String deadLetters(String queue) {
        return shop.call("user", shop.adminToken()).get("/admin/dead-letters/" + queue).then().statusCode(200)
                .extract().asString();
    }

    /**
     * The spans of the order's trace once every hop's span arrived. The order's spans (those naming it in
     * {@code order.id}) must all be in one trace.
     */
    private static List<ReceivedSpan> awaitTrace(UUID orderId, List<String> hops) {
        return Awaitility.await("spans of order " + orderId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Set<String> traces = receiver.spans().stream()
                            .filter(span -> orderId.toString().equals(span.attributes().get("order.id")))
                            .map(ReceivedSpan::traceId).collect(Collectors.toSet());
                    assertThat(traces).as("traces of order " + orderId).hasSizeLessThanOrEqualTo(1);
                    return traces.isEmpty() ? List.<ReceivedSpan>of() : receiver.trace(traces.iterator().next());
                }, trace -> trace.stream().map(ReceivedSpan::name).collect(Collectors.toSet()).containsAll(hops)
                        && trace.stream().anyMatch(ReceivedSpan::isRoot));
    }

    /** One root, the HTTP command of {@code rootService}; every other span's parent in the trace; four services. */
    private static void assertOneConnectedTrace(List<ReceivedSpan> trace, String rootService, String method) {
        assertThat(trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet()))
                .as("services in the trace").containsExactlyInAnyOrderElementsOf(BazaarSystem.SERVICES);
        assertConnectedTrace(trace, rootService, method, Set.copyOf(BazaarSystem.SERVICES));
    }

    /** One root, the HTTP command of {@code rootService}; every other span's parent in the trace; these services. */
    private static void assertConnectedTrace(List<ReceivedSpan> trace, String rootService, String method,
            Set<String> services) {
        assertThat(trace.stream().map(ReceivedSpan::traceId).distinct()).hasSize(1);
        assertThat(trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet()))
                .as("services in the trace").containsAll(services);
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).filteredOn(span -> !span.isRoot())
                .as("spans whose parent is missing").allSatisfy(span -> assertThat(ids)
                        .as(span.service() + " " + span.name()).contains(span.parentSpanId()));
        assertThat(trace).filteredOn(ReceivedSpan::isRoot).singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo(rootService);
            assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
            assertThat(root.name()).startsWith(method);
        });
    }

    /** For each consecutive pair of hops, a span of the first is an ancestor of a span of the second, started earlier. */
    private static void assertCausalOrder(List<ReceivedSpan> trace, List<String> hops) {
        Map<String, ReceivedSpan> byId = new HashMap<>();
        trace.forEach(span -> byId.put(span.spanId(), span));
        for (int i = 1; i < hops.size(); i++) {
            String before = hops.get(i - 1);
            String after = hops.get(i);
            boolean ordered = trace.stream().filter(span -> span.name().equals(after)).anyMatch(later -> {
                ReceivedSpan ancestor = byId.get(later.parentSpanId());
                while (ancestor != null) {
                    if (ancestor.name().equals(before)) {
                        return ancestor.startNanos() <= later.startNanos();
                    }
                    ancestor = byId.get(ancestor.parentSpanId());
                }
                return false;
            });
            assertThat(ordered).as(before + " before (and an ancestor of) " + after + " in "
                    + trace.stream().map(span -> span.service() + ":" + span.name())
                    .collect(Collectors.toCollection(TreeSet::new))).isTrue();
        }
    }

    /** The service's JSON log lines that name the order. */
    private static List<JsonNode> logLines(String service, UUID orderId) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(system.work().resolve(service + ".log"), StandardCharsets.UTF_8)) {
            if (line.startsWith("{") && line.contains(orderId.toString())) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static String mdc(JsonNode line, String key) {
        JsonNode value = line.path("mdc").path(key);
        return value.isMissingNode() ? line.path(key).asText(null) : value.asText(null);
    }

    private static List<String> bazaarLogs(UUID orderId) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(BazaarSystem.ROOT.resolve("bazaar").toString(), "logs",
                orderId.toString()).redirectErrorStream(true);
        builder.environment().put("BAZAAR_LOG_DIR", system.work().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("./bazaar logs exit status; output:\n" + output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}

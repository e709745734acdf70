package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;

import dev.bazaar.e2e.Shop.Customer;
import dev.bazaar.e2e.checker.CheckReport;

/**
 * The committed monitoring, run for real: Prometheus scrapes the four packaged services with the scrape jobs of
 * infra/monitoring/prometheus/prometheus.yml (only targets and intervals changed, see {@link MonitoringFiles}) and
 * evaluates the committed alerts.yml. After confirmed and rejected orders every expression of the Grafana dashboard
 * returns data through Prometheus' API; a poison message, a service down and an order stuck behind it raise their
 * alerts. The system is this test's own: it kills a service and parks a dead letter, which the shared one must not see.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {

    private static final Duration OUTCOME = Duration.ofSeconds(30);
    private static final Set<String> JOBS = Set.copyOf(Topology.services());
    private static final String DEAD_LETTERS = "BazaarDeadLettersPresent";
    private static final String SERVICE_DOWN = "BazaarServiceDown";
    private static final String STUCK_SAGA = "BazaarSagasStuckPastTheirDeadline";

    private static BazaarSystem system;
    private static PrometheusServer prometheus;
    private static Shop shop;

    @BeforeAll
    static void start() throws IOException {
        system = new BazaarSystem("prometheus", Backends.local());
        // The gauges refresh every second instead of every 5-10 s, so the alerts' "for" starts counting sooner. The
        // stock deadline is far above the stuck-saga alert's 60 s, so an order waiting for a stopped catalog is still
        // waiting when the alert's condition holds (with the shared system's 15 s the sweeper would reject it first).
        system.start(Map.of("BAZAAR_METRICS_DEAD_LETTER_INTERVAL", "1s", "BAZAAR_METRICS_ORDERS_INTERVAL", "1s",
                "BAZAAR_METRICS_OUTBOX_INTERVAL", "1s", "BAZAAR_SAGA_STOCK_DEADLINE", "180s"), Map.of());
        shop = new Shop(system);
        Map<String, String> targets = new LinkedHashMap<>();
        for (String service : BazaarSystem.SERVICES) {
            targets.put(service, URI.create(system.url(service)).getAuthority());
        }
        prometheus = PrometheusServer.start(BazaarSystem.ROOT.resolve("e2e/target/prometheus-run/prometheus"),
                MonitoringFiles.scrapeConfigFor(targets));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (system != null) {
            system.destroy();
        }
    }

    @Test
    @Order(1)
    void scrapesEveryServiceAndLoadsEveryAlertRule() {
        Awaitility.await("every target up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode targets = prometheus.get("/api/v1/targets?state=active").path("activeTargets");
                    assertThat(labels(targets, "job")).isEqualTo(JOBS);
                    targets.forEach(target -> assertThat(target.path("health").asText())
                            .as(target.path("scrapeUrl").asText() + " " + target.path("lastError").asText())
                            .isEqualTo("up"));
                });
        Awaitility.await("every rule evaluated").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<JsonNode> rules = new ArrayList<>();
                    prometheus.get("/api/v1/rules").path("groups")
                            .forEach(group -> group.path("rules").forEach(rules::add));
                    assertThat(rules).extracting(rule -> rule.path("name").asText())
                            .containsExactlyInAnyOrderElementsOf(MonitoringFiles.alertRules().keySet());
                    assertThat(rules).allSatisfy(rule -> assertThat(rule.path("health").asText())
                            .as(rule.path("name").asText() + " " + rule.path("lastError").asText()).isEqualTo("ok"));
                });
    }

    /**
     * Each alert compares a selection of series with a threshold. On a healthy system no alert's expression has a
     * result, which alone proves nothing (a selector that matches no series is just as quiet), so the selection
     * before the comparison must return the series of every service it watches; the whole expression must be empty.
     * BazaarOutboxOldestRowTooOld and BazaarConsumerDown are verified this way only: an outbox row 30 s old needs a
     * broker refusing every publish, and a disconnected consumer reconnects within a second, faster than a reliable
     * scrape; the other three alerts' conditions are produced for real below.
     */
    @Test
    @Order(2)
    void everyAlertWatchesTheSeriesOfItsServicesAndNoneHoldsOnAHealthySystem() {
        Awaitility.await("every alert's series").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> MonitoringFiles.alertRules().forEach((alert, expr) -> {
                    JsonNode selected = prometheus.query(MonitoringFiles.selectionOf(expr));
                    Set<String> watched = alert.equals(STUCK_SAGA) ? Set.of("ordering") : JOBS;
                    assertThat(labels(selected, "job")).as(alert + ": " + MonitoringFiles.selectionOf(expr))
                            .isEqualTo(watched);
                    assertThat(prometheus.query(expr)).as(alert + ": " + expr).isEmpty();
                }));
    }

    @Test
    @Order(3)
    void everyDashboardExpressionReturnsDataAfterConfirmedAndRejectedOrders() {
        UUID mug = shop.createProduct("PROM-MUG", "10.00", 100);
        UUID rare = shop.createProduct("PROM-RARE", "10.00", 1);
        // A rate needs two samples of a series in its window, and a series first appears with the first order it
        // counts: so one round creates the series, Prometheus scrapes them, and a second round makes them move.
        for (int round = 1; round <= 2; round++) {
            assertThat(order(mug, 1, "100.00")).isEqualTo("CONFIRMED");
            assertThat(order(rare, 3, "100.00")).as("stock short").isEqualTo("REJECTED");
            assertThat(order(mug, 2, "5.00")).as("credit short").isEqualTo("REJECTED");
            Awaitility.await("outcomes scraped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> prometheus.query("bazaar_saga_outcomes_total{reason=~\"none|stock_short|"
                            + "credit_short\"}").size() == 3);
        }

        Map<String, JsonNode> results = new LinkedHashMap<>();
        MonitoringFiles.dashboardExpressions().forEach((panel, expr) -> Awaitility.await(panel)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode result = prometheus.query(expr);
                    assertThat(finiteValues(result)).as(panel + ": " + expr + " -> " + result).isNotEmpty();
                    results.put(panel, result);
                }));

        assertThat(labels(results.get("Orders finished per second, by result: {{result}}"), "result"))
                .contains("confirmed", "rejected");
        assertThat(labels(results.get("Rejections per second, by reason: {{reason}}"), "reason"))
                .contains("stock_short", "credit_short");
        assertThat(labels(results.get("CPU, by service: {{job}}"), "job")).isEqualTo(JOBS);
    }

    @Test
    @Order(4)
    void aPoisonMessageAServiceDownAndAnOrderStuckBehindItRaiseTheirAlerts() throws Exception {
        UUID lamp = shop.createProduct("PROM-LAMP", "10.00", 10);
        Customer waiting = shop.signUp("Waiting");
        shop.topUp(waiting, "100.00");
        shop.putInCart(waiting, lamp, 1);

        system.service("catalog").kill();
        UUID stuck = shop.checkout(waiting, null);
        poison("ordering.checkouts", "{not json".getBytes());

        // The rules' own "for" (1 m) runs its course: nothing here shortens the committed durations.
        Awaitility.await("alerts").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode alerts = prometheus.get("/api/v1/alerts").path("alerts");
                    assertThat(alerts).anySatisfy(alert -> assertAlert(alert, DEAD_LETTERS, "firing",
                            "dead_letter_queue", "ordering.checkouts.dlq"));
                    assertThat(alerts).anySatisfy(alert -> assertAlert(alert, SERVICE_DOWN, "firing", "job",
                            "catalog"));
                    // its "for" is 2 m: pending says its condition holds, an order has waited more than 60 s
                    assertThat(alerts).anySatisfy(alert -> assertAlert(alert, STUCK_SAGA, null, "status",
                            "pending"));
                });
        for (String alert : List.of(DEAD_LETTERS, SERVICE_DOWN, STUCK_SAGA)) {
            assertThat(prometheus.query(MonitoringFiles.alertRules().get(alert))).as(alert).isNotEmpty();
        }

        system.service("catalog").start();
        system.service("catalog").awaitReady(Duration.ofSeconds(120));
        assertThat(shop.awaitOutcome(waiting, stuck, Duration.ofSeconds(60)).getString("status"))
                .isEqualTo("CONFIRMED");
        CheckReport report = system.awaitQuietAndCheck(Duration.ofSeconds(60));
        assertThat(report.violations()).isEmpty();
    }

    /** A new customer with {@code credit} orders {@code quantity} of {@code product}: the order's final status. */
    private static String order(UUID product, int quantity, String credit) {
        Customer customer = shop.signUp("Metrics");
        shop.topUp(customer, credit);
        shop.putInCart(customer, product, quantity);
        return shop.awaitOutcome(customer, shop.checkout(customer, null), OUTCOME).getString("status");
    }

    private static void assertAlert(JsonNode alert, String name, String state, String label, String value) {
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo(name);
        assertThat(alert.path("labels").path(label).asText()).isEqualTo(value);
        if (state != null) {
            assertThat(alert.path("state").asText()).isEqualTo(state);
        }
    }

    /** Puts a message straight into a consumer's queue, as a broken producer could: the queue dead-letters it. */
    private static void poison(String queue, byte[] body) throws Exception {
        system.backends().publishToQueue(system.vhost(), queue, new AMQP.BasicProperties.Builder()
                .contentType("application/json").type("order.checked-out").deliveryMode(2).build(), body);
    }

    /** The values of one label across series: a query's result ({@code metric}) or the targets ({@code labels}). */
    private static Set<String> labels(JsonNode series, String label) {
        Set<String> values = new TreeSet<>();
        series.forEach(element -> values.add(element.path(element.has("metric") ? "metric" : "labels").path(label)
                .asText()));
        values.remove("");
        return values;
    }

    /** The finite sample values of a query result (histogram_quantile over no observations gives NaN). */
    private static List<Double> finiteValues(JsonNode result) {
        List<Double> values = new ArrayList<>();
        result.forEach(series -> {
            // Prometheus writes sample values as strings: a number, "NaN", "+Inf" or "-Inf"
            double value = Double.parseDouble(series.path("value").path(1).asText("NaN").replace("Inf", "Infinity"));
            if (Double.isFinite(value)) {
                values.add(value);
            }
        });
        return values;
    }
}

package dev.bazaar.ordering.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.infra.testing.PrometheusScrape;
import dev.bazaar.ordering.testsupport.OrderingApi;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard in the repository plots only metrics a service really exposes (ordering exposes every family
 * it uses, the JVM and process meters included), and covers what an operator asks first: outcomes, saga latency,
 * backlog, dead letters, and each service's CPU and memory. A renamed metric fails here instead of leaving an empty
 * panel.
 */
@QuarkusTest
class DashboardTest {

    private static final Path DASHBOARD = Path.of("..", "infra", "monitoring", "grafana", "dashboards",
            "bazaar.json");

    @Test
    void everyPanelQueriesTheProvisionedPrometheusForExposedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        assertThat(panels).extracting(panel -> panel.path("title").asText()).contains(
                "Orders finished per second, by result", "Saga duration, placed to confirmed",
                "Outbox backlog, by service", "Dead letters, by queue", "CPU, by service",
                "JVM memory used, by service");

        Set<String> used = new TreeSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("prometheus");
            assertThat(panel.path("targets")).as(title + " targets").isNotEmpty();
            panel.path("targets").forEach(target -> {
                String expr = target.path("expr").asText();
                assertThat(expr).as(title + " expr").isNotBlank();
                used.addAll(AlertRulesTest.metricNames(expr));
            });
        }
        assertThat(used).contains("bazaar_saga_outcomes_total", "process_cpu_usage", "jvm_memory_used_bytes");

        // the publish lag histogram appears with the first publish, the periodic gauges on their first refresh
        OrderingApi.placeOrder(UUID.randomUUID(), OrderingApi.line(UUID.randomUUID(), 1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(PrometheusScrape.now().names())
                .containsAll(used));
    }
}

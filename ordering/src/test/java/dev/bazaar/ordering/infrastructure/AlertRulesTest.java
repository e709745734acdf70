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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.bazaar.infra.testing.PrometheusScrape;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Prometheus alert rules in the repository name only metrics a service really exposes: ordering exposes every
 * family they use (saga and orders from ordering, outbox, dead letters and consumers from infra), so a renamed or
 * removed metric fails here instead of leaving an alert that can never fire. Without promtool, the rules' shape is
 * checked by hand: every rule has a name, an expression, a duration, a severity and a summary.
 */
@QuarkusTest
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "infra", "monitoring", "prometheus", "alerts.yml");
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyRuleIsCompleteAndNamesOnlyExposedMetrics() throws IOException {
        JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()).path("groups");
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        assertThat(rules).extracting(rule -> rule.path("alert").asText()).contains("BazaarDeadLettersPresent",
                "BazaarOutboxOldestRowTooOld", "BazaarSagasStuckPastTheirDeadline", "BazaarConsumerDown");

        Set<String> used = new TreeSet<>();
        for (JsonNode rule : rules) {
            String name = rule.path("alert").asText();
            assertThat(name).as("alert name").isNotBlank();
            assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
            assertThat(rule.path("for").asText()).as(name + " for").matches("\\d+[smh]");
            assertThat(rule.path("labels").path("severity").asText()).as(name + " severity")
                    .isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
            used.addAll(metricNames(rule.path("expr").asText()));
        }
        used.removeAll(PROMETHEUS_OWN);
        assertThat(used).isNotEmpty();

        // the periodic gauges register on their first refresh (one second in tests)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(PrometheusScrape.now().names())
                .containsAll(used));
    }

    @Test
    void metricNamesAreReadFromAnExpressionWithoutLabelsFunctionsOrKeywords() {
        assertThat(metricNames("max by (job, queue) (rate(a_total{queue=~\"x|y\"}[5m])) > 0 and on (job) b == 0"))
                .containsExactlyInAnyOrder("a_total", "b");
    }

    /** The metric names in a PromQL expression: identifiers that are not labels, functions, keywords or numbers. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", " ")
                .replaceAll("\\[[^]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String word = matcher.group();
            boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
            if (!function && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}

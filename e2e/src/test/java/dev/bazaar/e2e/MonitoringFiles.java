package dev.bazaar.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The committed monitoring files under infra/monitoring, read as Prometheus and Grafana read them: the compose
 * Prometheus configuration, the alert rules and the dashboard's queries.
 */
public final class MonitoringFiles {

    private static final Path MONITORING = BazaarSystem.ROOT.resolve("infra/monitoring");
    public static final Path PROMETHEUS_CONFIG = MONITORING.resolve("prometheus/prometheus.yml");
    public static final Path ALERT_RULES = MONITORING.resolve("prometheus/alerts.yml");
    public static final Path DASHBOARD = MONITORING.resolve("grafana/dashboards/bazaar.json");

    /**
     * Grafana's built-in interval variables and what they stand for here: {@code $__rate_interval} is at least four
     * scrape intervals, so 1m is what Grafana would pick for a 5 s scrape at a short time range; {@code $__interval}
     * and {@code $__range} follow the panel's range, for which a test's last minute stands. The dashboard declares
     * no template variables of its own ({@code templating.list} is empty); one added later fails here until it is
     * given a value.
     */
    private static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__rate_interval", "1m",
            "$__interval", "15s", "$__range", "1m");
    private static final Pattern TRAILING_COMPARISON = Pattern.compile(
            "^(.*?)\\s*(==|!=|>=|<=|>|<)\\s*-?[0-9.]+\\s*$", Pattern.DOTALL);
    private static final YAMLMapper YAML = new YAMLMapper();

    private MonitoringFiles() {
    }

    /** Every alert rule: its name and its expression, in file order. */
    public static Map<String, String> alertRules() {
        Map<String, String> rules = new LinkedHashMap<>();
        read(YAML, ALERT_RULES).path("groups").forEach(group -> group.path("rules").forEach(rule ->
                rules.put(rule.path("alert").asText(), rule.path("expr").asText().trim())));
        return rules;
    }

    /**
     * Every query of the dashboard, keyed by "panel title: legend", with Grafana's interval variables replaced by
     * the windows Grafana would use (see {@link #GRAFANA_VARIABLES}).
     */
    public static Map<String, String> dashboardExpressions() {
        JsonNode dashboard = read(new ObjectMapper(), DASHBOARD);
        if (!dashboard.path("templating").path("list").isEmpty()) {
            throw new IllegalStateException("the dashboard declares template variables: give them values here");
        }
        Map<String, String> queries = new LinkedHashMap<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            String expr = target.path("expr").asText();
            for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
                expr = expr.replace(variable.getKey(), variable.getValue());
            }
            if (expr.contains("$")) {
                throw new IllegalStateException("a variable with no value in the test: " + expr);
            }
            queries.put(panel.path("title").asText() + ": " + target.path("legendFormat").asText(), expr);
        }));
        return queries;
    }

    /** An alert expression without its final comparison with a constant: the series it watches. */
    public static String selectionOf(String alertExpr) {
        Matcher matcher = TRAILING_COMPARISON.matcher(alertExpr);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a comparison with a constant: " + alertExpr);
        }
        return matcher.group(1);
    }

    /**
     * The committed prometheus.yml with only what cannot hold outside compose changed: each job's target becomes
     * the address given for its job name (which must be the job's service), the rule file is the committed
     * alerts.yml where it lies, and scrape and evaluation run every second so a test sees results in seconds.
     * Job names, metrics paths and everything else stay as committed.
     */
    public static String scrapeConfigFor(Map<String, String> targetsByJob) {
        ObjectNode config = (ObjectNode) read(YAML, PROMETHEUS_CONFIG);
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        if (config.path("rule_files").size() != 1) {
            throw new IllegalStateException("expected one rule file in " + PROMETHEUS_CONFIG);
        }
        config.putArray("rule_files").add(ALERT_RULES.toString());
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            String target = targetsByJob.get(name);
            if (target == null || job.path("static_configs").size() != 1) {
                throw new IllegalStateException("scrape job " + name + " is not one of " + targetsByJob.keySet()
                        + " with one static target");
            }
            ArrayNode targets = ((ObjectNode) job.path("static_configs").get(0)).putArray("targets");
            targets.add(target);
        }
        if (config.path("scrape_configs").size() != targetsByJob.size()) {
            throw new IllegalStateException("expected a scrape job for each of " + targetsByJob.keySet());
        }
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

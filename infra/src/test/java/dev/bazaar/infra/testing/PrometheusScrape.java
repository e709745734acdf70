package dev.bazaar.infra.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One scrape of the application's /q/metrics in the Prometheus text format, read the way Prometheus reads it: tests
 * assert on the exposed names and labels, not on Micrometer's meter names.
 */
public final class PrometheusScrape {

    private final Map<String, Map<Map<String, String>, Double>> series = new HashMap<>();

    private PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int valueAt = line.lastIndexOf(' ');
            String key = line.substring(0, valueAt);
            double value = Double.parseDouble(line.substring(valueAt + 1).trim());
            int labelsAt = key.indexOf('{');
            String name = labelsAt < 0 ? key : key.substring(0, labelsAt);
            Map<String, String> labels = labelsAt < 0 ? Map.of() : labels(key.substring(labelsAt + 1,
                    key.lastIndexOf('}')));
            series.computeIfAbsent(name, ignored -> new HashMap<>()).put(labels, value);
        }
    }

    public static PrometheusScrape now() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** Every metric name exposed (histograms as their _bucket, _count and _sum series). */
    public java.util.Set<String> names() {
        return series.keySet();
    }

    /** The value of the one series of {@code name} whose labels include {@code labels}; empty if there is none. */
    public OptionalDouble value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return series.getOrDefault(name, Map.of()).entrySet().stream()
                .filter(entry -> entry.getKey().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Map.Entry::getValue)
                .reduce(Double::sum);
    }

    /** Like {@link #value} but 0 when the series is absent (a counter that was never registered). */
    public double valueOrZero(String name, String... labels) {
        return value(name, labels).orElse(0);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        int at = 0;
        while (at < text.length()) {
            int equals = text.indexOf('=', at);
            int open = text.indexOf('"', equals);
            int close = open + 1;
            while (text.charAt(close) != '"' || text.charAt(close - 1) == '\\') {
                close++;
            }
            labels.put(text.substring(at, equals).trim(), text.substring(open + 1, close));
            at = close + 1;
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
        return labels;
    }
}

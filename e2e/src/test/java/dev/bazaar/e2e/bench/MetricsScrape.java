package dev.bazaar.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a service's /q/metrics (Prometheus text format), reduced to what the benchmark reads: the outbox
 * relay's lag histogram buckets, the published counter and the message size summary. Two scrapes give the values of
 * the interval between them (counters and cumulative buckets only grow).
 */
record MetricsScrape(Map<Double, Double> lagBuckets, double published, double sizeCount, double sizeSum) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LAG_BUCKET = "bazaar_outbox_relay_lag_seconds_bucket{";

    static MetricsScrape of(String serviceUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + serviceUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static MetricsScrape parse(String text) {
        Map<Double, Double> buckets = new TreeMap<>();
        double published = 0;
        double sizeCount = 0;
        double sizeSum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(LAG_BUCKET)) {
                String le = label(line, "le");
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value(line),
                        Double::sum);
            } else if (line.startsWith("bazaar_outbox_published_total")) {
                published += value(line);
            } else if (line.startsWith("bazaar_outbox_message_size_bytes_count")) {
                sizeCount += value(line);
            } else if (line.startsWith("bazaar_outbox_message_size_bytes_sum")) {
                sizeSum += value(line);
            }
        }
        return new MetricsScrape(buckets, published, sizeCount, sizeSum);
    }

    /** This scrape minus an earlier one. */
    MetricsScrape minus(MetricsScrape earlier) {
        Map<Double, Double> buckets = new TreeMap<>();
        lagBuckets.forEach((le, count) -> buckets.put(le, count - earlier.lagBuckets.getOrDefault(le, 0.0)));
        return new MetricsScrape(buckets, published - earlier.published, sizeCount - earlier.sizeCount,
                sizeSum - earlier.sizeSum);
    }

    MetricsScrape plus(MetricsScrape other) {
        Map<Double, Double> buckets = new TreeMap<>(lagBuckets);
        other.lagBuckets.forEach((le, count) -> buckets.merge(le, count, Double::sum));
        return new MetricsScrape(buckets, published + other.published, sizeCount + other.sizeCount,
                sizeSum + other.sizeSum);
    }

    static MetricsScrape empty() {
        return new MetricsScrape(new HashMap<>(), 0, 0, 0);
    }

    /**
     * The lag quantile in milliseconds from cumulative buckets, interpolated linearly inside the bucket it falls in
     * (as Prometheus' histogram_quantile does); NaN without samples.
     */
    double lagQuantileMillis(double quantile) {
        List<Map.Entry<Double, Double>> cumulative = new ArrayList<>(new TreeMap<>(lagBuckets).entrySet());
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.get(cumulative.size() - 1).getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = quantile * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound * 1000;
                }
                double inBucket = bucket.getValue() - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return (lowerBound + (bucket.getKey() - lowerBound) * fraction) * 1000;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound * 1000;
    }

    double lagCount() {
        return lagBuckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    }

    private static String label(String line, String name) {
        int start = line.indexOf(name + "=\"") + name.length() + 2;
        return line.substring(start, line.indexOf('"', start));
    }

    private static double value(String line) {
        String[] parts = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+");
        if (!line.contains("}")) {
            parts = line.trim().split("\\s+");
            return Double.parseDouble(parts[1]);
        }
        return Double.parseDouble(parts[0]);
    }
}

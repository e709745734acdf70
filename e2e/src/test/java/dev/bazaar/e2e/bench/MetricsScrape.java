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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/**
 * One scrape of a service's /q/metrics (Prometheus text format), reduced to what the benchmark reads: the outbox
 * relay's lag histogram buckets, the published counter, the message size summary and the publish batches (one
 * confirm wait each), the round trips to PostgreSQL of the plain-SQL paths, and per queue its consumers' deliveries,
 * basic.ack frames and batches. Two scrapes give the
 * values of the interval between them (counters and cumulative buckets only grow). A meter a service does not expose
 * (an older build) counts as 0.
 */
record MetricsScrape(Map<Double, Double> lagBuckets, double published, double sizeCount, double sizeSum,
        double publishBatches, double sqlRoundTrips, Map<String, QueueCounts> queues) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LAG_BUCKET = "bazaar_outbox_relay_lag_seconds_bucket{";
    private static final String DELIVERIES = "bazaar_consumer_deliveries_total{";
    private static final String ACKS = "bazaar_consumer_acks_total{";
    private static final String BATCH_COUNT = "bazaar_consumer_batch_size_messages_count{";
    private static final String BATCH_SUM = "bazaar_consumer_batch_size_messages_sum{";

    /**
     * One queue's consumer counters: messages delivered, basic.ack frames sent, batches and the deliveries in them
     * (the batch size summary's count and sum).
     */
    record QueueCounts(double deliveries, double acks, double batches, double batchedDeliveries) {

        static final QueueCounts ZERO = new QueueCounts(0, 0, 0, 0);

        QueueCounts plus(QueueCounts other) {
            return new QueueCounts(deliveries + other.deliveries, acks + other.acks, batches + other.batches,
                    batchedDeliveries + other.batchedDeliveries);
        }

        QueueCounts minus(QueueCounts earlier) {
            return new QueueCounts(deliveries - earlier.deliveries, acks - earlier.acks, batches - earlier.batches,
                    batchedDeliveries - earlier.batchedDeliveries);
        }

        /** Deliveries per batch; NaN without batches. */
        double meanBatchSize() {
            return batches > 0 ? batchedDeliveries / batches : Double.NaN;
        }
    }

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
        double publishBatches = 0;
        double sqlRoundTrips = 0;
        Map<String, QueueCounts> queues = new TreeMap<>();
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
            } else if (line.startsWith("bazaar_outbox_publish_batches_total")) {
                publishBatches += value(line);
            } else if (line.startsWith("bazaar_sql_round_trips_total")) {
                sqlRoundTrips += value(line);
            } else if (line.startsWith(DELIVERIES)) {
                queues.merge(label(line, "queue"), new QueueCounts(value(line), 0, 0, 0), QueueCounts::plus);
            } else if (line.startsWith(ACKS)) {
                queues.merge(label(line, "queue"), new QueueCounts(0, value(line), 0, 0), QueueCounts::plus);
            } else if (line.startsWith(BATCH_COUNT)) {
                queues.merge(label(line, "queue"), new QueueCounts(0, 0, value(line), 0), QueueCounts::plus);
            } else if (line.startsWith(BATCH_SUM)) {
                queues.merge(label(line, "queue"), new QueueCounts(0, 0, 0, value(line)), QueueCounts::plus);
            }
        }
        return new MetricsScrape(buckets, published, sizeCount, sizeSum, publishBatches, sqlRoundTrips, queues);
    }

    /** This scrape minus an earlier one. */
    MetricsScrape minus(MetricsScrape earlier) {
        Map<Double, Double> buckets = new TreeMap<>();
        lagBuckets.forEach((le, count) -> buckets.put(le, count - earlier.lagBuckets.getOrDefault(le, 0.0)));
        return new MetricsScrape(buckets, published - earlier.published, sizeCount - earlier.sizeCount,
                sizeSum - earlier.sizeSum, publishBatches - earlier.publishBatches,
                sqlRoundTrips - earlier.sqlRoundTrips, combine(queues, earlier.queues, QueueCounts::minus));
    }

    MetricsScrape plus(MetricsScrape other) {
        Map<Double, Double> buckets = new TreeMap<>(lagBuckets);
        other.lagBuckets.forEach((le, count) -> buckets.merge(le, count, Double::sum));
        return new MetricsScrape(buckets, published + other.published, sizeCount + other.sizeCount,
                sizeSum + other.sizeSum, publishBatches + other.publishBatches,
                sqlRoundTrips + other.sqlRoundTrips, combine(queues, other.queues, QueueCounts::plus));
    }

    static MetricsScrape empty() {
        return new MetricsScrape(new HashMap<>(), 0, 0, 0, 0, 0, new TreeMap<>());
    }

    /** Every queue of either side, a queue missing on one side counting as zero there. */
    private static Map<String, QueueCounts> combine(Map<String, QueueCounts> left, Map<String, QueueCounts> right,
            BinaryOperator<QueueCounts> operation) {
        Set<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        Map<String, QueueCounts> combined = new TreeMap<>();
        for (String queue : names) {
            combined.put(queue, operation.apply(left.getOrDefault(queue, QueueCounts.ZERO),
                    right.getOrDefault(queue, QueueCounts.ZERO)));
        }
        return combined;
    }

    double deliveries() {
        return queues.values().stream().mapToDouble(QueueCounts::deliveries).sum();
    }

    double acks() {
        return queues.values().stream().mapToDouble(QueueCounts::acks).sum();
    }

    /** Deliveries per batch of each queue that had a batch; queues in name order. */
    Map<String, Double> meanBatchSizes() {
        Map<String, Double> sizes = new TreeMap<>();
        queues.forEach((queue, counts) -> {
            if (counts.batches() > 0) {
                sizes.put(queue, counts.meanBatchSize());
            }
        });
        return sizes;
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

    /**
     * The sample's value: after its labels, before the exemplar that OpenMetrics output may append (" # {trace_id=...}
     * value timestamp", written while a sampled span is current).
     */
    static double value(String line) {
        int exemplar = line.indexOf(" # ");
        String sample = exemplar < 0 ? line : line.substring(0, exemplar);
        String[] parts = sample.substring(sample.lastIndexOf('}') + 1).trim().split("\\s+");
        if (!sample.contains("}")) {
            parts = sample.trim().split("\\s+");
            return Double.parseDouble(parts[1]);
        }
        return Double.parseDouble(parts[0]);
    }
}

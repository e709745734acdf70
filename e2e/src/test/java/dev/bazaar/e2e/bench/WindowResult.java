package dev.bazaar.e2e.bench;

import java.util.List;
import java.util.Map;

/**
 * One measured window. Rates are per second of the window; CPU and counts per order are over the window plus the
 * drain after it (every order accepted in the window has then finished, so all its work is counted), divided by the
 * orders confirmed in that interval. Latencies in milliseconds. {@code machineBusyPercent} is the whole machine during
 * the window; {@code otherBusyPercent} the part of it no measured process accounts for (other processes, the kernel):
 * a large value means something else competed for the cores. {@code slowest}: the window's slowest orders split into
 * their saga legs; {@code backgroundWork}: PostgreSQL checkpoints, autovacuums and autoanalyzes during the window.
 * {@code loadGeneratorCpuMillisPerOrder} and {@code traceReceiverCpuMillisPerOrder}: the benchmark's own JVM, apart
 * from the services' total: what drives the load, and the OTLP receiver that stands in for a tracing backend.
 * {@code sqlStatementsPerOrder}: pg_stat_statements' calls in the four databases, NaN where the server does not track
 * statements; {@code sqlRoundTripsPerOrder}: the round trips the services' plain-SQL paths counted (statements
 * pipelined behind one another share one; Hibernate sessions are not counted). {@code messagesPerOrder} is the AMQP publishes per order; {@code confirmWaitsPerOrder} the publish
 * batches (one wait for publisher confirms each), {@code deliveriesPerOrder} and {@code acksPerOrder} what the
 * consumers received and the basic.ack frames they sent; {@code meanBatchSize} deliveries per batch by queue (the
 * queues that had batches), over the same interval.
 */
record WindowResult(
        String label,
        String mode,
        Integer targetRate,
        Integer clients,
        double windowSeconds,
        long sent,
        long accepted,
        long failed,
        long skipped,
        Map<String, Long> failures,
        double acceptedPerSecond,
        double completedPerSecond,
        long inFlightStart,
        long inFlightEnd,
        long inFlightMax,
        double drainSeconds,
        boolean drained,
        boolean bounded,
        long confirmed,
        long rejected,
        Latency saga,
        Latency http,
        Map<String, Double> cpuMillisPerOrder,
        double cpuMillisPerOrderTotal,
        double loadGeneratorCpuMillisPerOrder,
        double traceReceiverCpuMillisPerOrder,
        double machineBusyPercent,
        double otherBusyPercent,
        double transactionsPerOrder,
        double sqlStatementsPerOrder,
        double sqlRoundTripsPerOrder,
        double messagesPerOrder,
        double confirmWaitsPerOrder,
        double deliveriesPerOrder,
        double acksPerOrder,
        Map<String, Double> meanBatchSize,
        double messageBodyBytes,
        double relayLagP50Millis,
        double relayLagP99Millis,
        long relayLagSamples,
        Map<String, Double> peakRssMib,
        List<SagaProbe.SlowOrder> slowest,
        Map<String, Long> backgroundWork) {

    /** p50/p90/p99/max in milliseconds over {@code count} samples. */
    record Latency(long count, double p50, double p90, double p99, double max) {

        static Latency of(org.HdrHistogram.Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latency(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(90) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                    micros.getMaxValue() / 1000.0);
        }
    }
}

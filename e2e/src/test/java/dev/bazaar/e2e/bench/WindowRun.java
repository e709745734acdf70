package dev.bazaar.e2e.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import dev.bazaar.e2e.BazaarSystem;

/**
 * Measures one window: wait until the system is quiet, sample, drive the load, sample at the window's end, wait until
 * everything the window started has finished (the drain), sample again, and turn the differences into a
 * {@link WindowResult}.
 */
final class WindowRun {

    /** Lets idle backends flush their pg_stat counters (at most once a second) before a sample. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** How often a drain that takes long reports what it still waits for. */
    private static final Duration QUIET_REPORT = Duration.ofSeconds(5);
    /** How many of a window's slowest orders are reported with their legs. */
    private static final int SLOWEST = 5;

    private final BazaarSystem system;
    private final SagaProbe probe;
    private final Servers servers;
    private final Duration drainTimeout;
    /** CPU milliseconds of the benchmark's OTLP receiver so far (NaN with tracing off: no receiver). */
    private final DoubleSupplier traceReceiverCpu;

    WindowRun(BazaarSystem system, SagaProbe probe, Servers servers, Duration drainTimeout,
            DoubleSupplier traceReceiverCpu) {
        this.system = system;
        this.probe = probe;
        this.servers = servers;
        this.drainTimeout = drainTimeout;
        this.traceReceiverCpu = traceReceiverCpu;
    }

    /** Waits until nothing is in flight; returns the seconds it took, or -1 if it did not happen in time. */
    double awaitQuiet(Duration timeout) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + QUIET_REPORT.toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.quiet()) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() >= nextReport) {
                // a drain this long is not queueing: say what is still waiting, to find what holds it
                System.out.printf("[bench]   not quiet after %.0f s: %s%n", (System.nanoTime() - start) / 1e9,
                        probe.unfinished());
                nextReport += QUIET_REPORT.toNanos();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    WindowResult measure(String label, String mode, Integer rate, Integer clients, Duration window,
            Supplier<LoadResult> load) throws SQLException, InterruptedException {
        awaitQuiet(drainTimeout);
        Thread.sleep(SETTLE.toMillis());
        long inFlightStart = probe.inFlight();
        SystemSample start = SystemSample.take(system, probe, servers, traceReceiverCpu);
        Map<String, Long> backgroundStart = probe.backgroundWork();
        CompletableFuture<LoadResult> driving = CompletableFuture.supplyAsync(load, runnable -> {
            Thread thread = new Thread(runnable, "bench-load");
            thread.setDaemon(true);
            thread.start();
        });
        AtomicLong inFlightMax = new AtomicLong(inFlightStart);
        long windowEnd = start.nanos() + window.toNanos();
        while (System.nanoTime() < windowEnd) {
            Thread.sleep(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(windowEnd - System.nanoTime()))));
            inFlightMax.accumulateAndGet(probe.inFlight(), Math::max);
        }
        // the window's end: /proc only, while its last orders are in flight; metrics and statistics after the drain
        SystemSample end = SystemSample.processes(system, servers, traceReceiverCpu);
        long inFlightEnd = probe.inFlight();
        Map<String, Long> background = new LinkedHashMap<>();
        probe.backgroundWork().forEach((work, count) -> background.put(work, count - backgroundStart.get(work)));
        LoadResult result = driving.join();
        boolean drained = awaitQuiet(drainTimeout) >= 0;
        double drainSeconds = drained ? (System.nanoTime() - end.nanos()) / 1e9 : -1;
        Thread.sleep(SETTLE.toMillis());
        SystemSample after = SystemSample.take(system, probe, servers, traceReceiverCpu);

        double seconds = end.secondsSince(start);
        long completedInWindow = probe.settledBetween(start.at(), end.at()).getOrDefault("CONFIRMED", 0L);
        Map<String, Long> settled = probe.settledBetween(start.at(), after.at());
        long confirmed = settled.getOrDefault("CONFIRMED", 0L);
        long rejected = settled.getOrDefault("REJECTED", 0L);
        double perOrder = Math.max(1, confirmed);

        Map<String, Double> cpu = after.cpuSince(start);
        Map<String, Double> cpuPerOrder = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> group : cpu.entrySet()) {
            if (!group.getKey().equals(SystemSample.LOAD_GENERATOR)
                    && !group.getKey().equals(SystemSample.TRACE_RECEIVER)) {
                cpuPerOrder.put(group.getKey(), group.getValue() / perOrder);
                total += group.getValue() / perOrder;
            }
        }
        double machineBusy = (end.machineBusyMillis() - start.machineBusyMillis())
                / (seconds * 1000 * Runtime.getRuntime().availableProcessors()) * 100;
        double measured = end.cpuSince(start).values().stream().mapToDouble(Double::doubleValue)
                .filter(millis -> !Double.isNaN(millis)).sum();
        double other = (end.machineBusyMillis() - start.machineBusyMillis() - measured)
                / (seconds * 1000 * Runtime.getRuntime().availableProcessors()) * 100;
        // the services' relay and consumer meters over the window and its drain
        MetricsScrape scraped = after.metricsSince(start);
        Map<String, Double> rss = new LinkedHashMap<>();
        for (String service : BazaarSystem.SERVICES) {
            rss.put(service, ProcessStats.peakRssMib(system.service(service).pid()));
        }
        double acceptedPerSecond = result.accepted.get() / seconds;
        double completedPerSecond = completedInWindow / seconds;
        // Bounded: the work left at the window's end is less than a second of arrivals, completions kept pace
        // with acceptances, and it all finished afterwards.
        boolean bounded = drained && inFlightEnd - inFlightStart <= Math.max(20, acceptedPerSecond)
                && completedPerSecond >= 0.95 * acceptedPerSecond;
        return new WindowResult(label, mode, rate, clients, seconds, result.sent.get(), result.accepted.get(),
                result.failed.get(), result.skipped.get(), Map.copyOf(result.failures), acceptedPerSecond,
                completedPerSecond, inFlightStart, inFlightEnd, inFlightMax.get(), drainSeconds, drained, bounded,
                confirmed, rejected, WindowResult.Latency.of(probe.sagaLatency(start.at(), end.at())),
                WindowResult.Latency.of(result.http), cpuPerOrder, total,
                cpu.get(SystemSample.LOAD_GENERATOR) / perOrder, cpu.get(SystemSample.TRACE_RECEIVER) / perOrder,
                machineBusy, other,
                (after.commits() - start.commits()) / perOrder, after.statementsSince(start) / perOrder,
                scraped.sqlRoundTrips() / perOrder,
                scraped.published() / perOrder, scraped.publishBatches() / perOrder,
                scraped.deliveries() / perOrder, scraped.acks() / perOrder, scraped.meanBatchSizes(),
                scraped.sizeCount() > 0 ? scraped.sizeSum() / scraped.sizeCount() : Double.NaN,
                scraped.lagQuantileMillis(0.50), scraped.lagQuantileMillis(0.99), Math.round(scraped.lagCount()),
                rss, probe.slowest(start.at(), end.at(), SLOWEST), background);
    }
}

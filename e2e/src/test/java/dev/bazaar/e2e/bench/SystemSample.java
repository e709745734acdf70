package dev.bazaar.e2e.bench;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

import dev.bazaar.e2e.BazaarSystem;

/**
 * Everything counted at one instant: CPU milliseconds per process group, the machine's busy time, the commits and the
 * statements of the four databases ({@code statements} -1: not tracked) and each service's relay and consumer
 * metrics. Two samples give what happened between them.
 */
record SystemSample(Instant at, long nanos, Map<String, Double> cpuMillis, double machineBusyMillis, long commits,
        long statements, Map<String, MetricsScrape> metrics) {

    /** Process groups, in report order: the four services, then the two servers. */
    static final String POSTGRES = "postgres";
    static final String RABBITMQ = "rabbitmq";
    static final String LOAD_GENERATOR = "load generator";
    static final String TRACE_RECEIVER = "trace receiver";

    static SystemSample take(BazaarSystem system, SagaProbe probe, Servers servers, DoubleSupplier traceReceiverCpu)
            throws SQLException {
        Map<String, MetricsScrape> metrics = new LinkedHashMap<>();
        for (String service : BazaarSystem.SERVICES) {
            metrics.put(service, MetricsScrape.of(system.url(service)));
        }
        return processes(system, servers, traceReceiverCpu, probe.commits(), probe.statements(), metrics);
    }

    /**
     * Only what {@code /proc} tells: CPU per process group and the machine's busy time (no commits, no statements, no
     * metrics). Cheap enough to take while orders are in flight, as at a window's end: four metrics scrapes and the
     * statistics queries would compete with the window's last orders for the cores and lengthen their sagas.
     */
    static SystemSample processes(BazaarSystem system, Servers servers, DoubleSupplier traceReceiverCpu) {
        return processes(system, servers, traceReceiverCpu, -1, -1, Map.of());
    }

    private static SystemSample processes(BazaarSystem system, Servers servers, DoubleSupplier traceReceiverCpu,
            long commits, long statements, Map<String, MetricsScrape> metrics) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String service : BazaarSystem.SERVICES) {
            cpu.put(service, ProcessStats.cpuMillis(system.service(service).pid()));
        }
        cpu.put(POSTGRES, servers.postgresCpuMillis());
        cpu.put(RABBITMQ, servers.rabbitmqCpuMillis());
        // The benchmark's JVM less this thread, the one that measures (probes, scrapes, samples) and always takes
        // the samples, and less the OTLP receiver's threads (a tracing backend's work; NaN with tracing off, no
        // receiver): what is left drives the load (its thread, the HTTP client's, the collector and compiler).
        double receiver = traceReceiverCpu.getAsDouble();
        cpu.put(TRACE_RECEIVER, receiver);
        cpu.put(LOAD_GENERATOR, ProcessStats.cpuMillis(ProcessHandle.current().pid())
                - ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6
                - (Double.isNaN(receiver) ? 0 : receiver));
        return new SystemSample(Instant.now(), System.nanoTime(), cpu, ProcessStats.machineBusyMillis(), commits,
                statements, metrics);
    }

    double secondsSince(SystemSample earlier) {
        return (nanos - earlier.nanos) / 1e9;
    }

    Map<String, Double> cpuSince(SystemSample earlier) {
        Map<String, Double> delta = new LinkedHashMap<>();
        cpuMillis.forEach((group, millis) -> delta.put(group, millis - earlier.cpuMillis.getOrDefault(group, 0.0)));
        return delta;
    }

    /** Statements since the earlier sample; NaN when either sample has none. */
    double statementsSince(SystemSample earlier) {
        return statements < 0 || earlier.statements < 0 ? Double.NaN : statements - earlier.statements;
    }

    MetricsScrape metricsSince(SystemSample earlier) {
        MetricsScrape total = MetricsScrape.empty();
        for (Map.Entry<String, MetricsScrape> service : metrics.entrySet()) {
            total = total.plus(service.getValue().minus(earlier.metrics.get(service.getKey())));
        }
        return total;
    }
}

package dev.bazaar.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The results of one run and the targets they meet or miss, as results.json, results.md and results.svg. */
record BenchReport(String finishedAt, Machine machine, Map<String, Object> settings, List<WindowResult> windows,
        CeilingResult ceiling, Summary summary) {

    static final double TARGET_ORDERS_PER_SECOND = 300;
    static final double TARGET_CPU_MILLIS = 6;
    static final double TARGET_SAGA_P99_MILLIS = 100;
    static final int TARGET_SAGA_P99_RATE = 150;
    static final double TARGET_RELAY_LAG_P99_MILLIS = 20;
    static final double TARGET_RSS_MIB = 300;

    record Target(String target, String measured, boolean met) {
    }

    record Summary(double maxSustainedCompletedPerSecond, String maxSustainedAt, double closedLoopCompletedPerSecond,
            double transactionsPerOrder, double messagesPerOrder, double ceilingOrdersPerSecond,
            double ratioToCeiling, double serverCpuFloorMillisPerOrder, Map<String, Double> peakRssMib,
            List<Target> targets, String consistency) {
    }

    static Summary summarize(List<WindowResult> windows, CeilingResult ceiling, String consistency) {
        Optional<WindowResult> best = windows.stream().filter(WindowResult::bounded)
                .max(Comparator.comparingDouble(WindowResult::completedPerSecond));
        double closed = windows.stream().filter(w -> w.mode().equals("closed"))
                .mapToDouble(WindowResult::completedPerSecond).max().orElse(Double.NaN);
        double max = best.map(WindowResult::completedPerSecond).orElse(0.0);
        double tx = best.map(WindowResult::transactionsPerOrder).orElse(Double.NaN);
        double msgs = best.map(WindowResult::messagesPerOrder).orElse(Double.NaN);
        double ceilingRate = ceiling == null ? Double.NaN : ceiling.ordersPerSecond(tx, msgs);
        double floor = ceiling == null ? Double.NaN : ceiling.serverCpuMillisPerOrder(tx, msgs);
        Map<String, Double> rss = new LinkedHashMap<>();
        windows.forEach(w -> w.peakRssMib().forEach((service, mib) -> rss.merge(service, mib, Math::max)));

        List<Target> targets = new ArrayList<>();
        targets.add(new Target(">= 300 completed orders/s sustained, bounded backlog",
                best.map(w -> fmt(max) + "/s at " + w.label()).orElse("no window had a bounded backlog"),
                max >= TARGET_ORDERS_PER_SECOND));
        double cpu = best.map(WindowResult::cpuMillisPerOrderTotal).orElse(Double.NaN);
        targets.add(new Target("total CPU per completed order <= 6 ms",
                best.map(w -> fmt(cpu) + " ms at " + w.label()).orElse("-") + " (all windows: "
                        + range(windows.stream().map(WindowResult::cpuMillisPerOrderTotal).toList()) + " ms)",
                cpu <= TARGET_CPU_MILLIS));
        Optional<WindowResult> at150 = windows.stream()
                .filter(w -> Integer.valueOf(TARGET_SAGA_P99_RATE).equals(w.targetRate())).findFirst();
        double p99 = at150.map(w -> w.saga().p99()).orElse(Double.NaN);
        targets.add(new Target("p99 checkout -> confirmed <= 100 ms at 150 orders/s",
                at150.map(w -> fmt(p99) + " ms").orElse("not measured: the run did not reach 150/s"),
                p99 <= TARGET_SAGA_P99_MILLIS));
        double lag = at150.map(WindowResult::relayLagP99Millis).orElse(Double.NaN);
        double worstLag = windows.stream().filter(WindowResult::bounded).mapToDouble(WindowResult::relayLagP99Millis)
                .max().orElse(Double.NaN);
        targets.add(new Target("relay lag p99 <= 20 ms",
                fmt(lag) + " ms at 150/s; worst bounded window " + fmt(worstLag) + " ms",
                lag <= TARGET_RELAY_LAG_P99_MILLIS));
        double worstRss = rss.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        targets.add(new Target("peak RSS <= 300 MiB per service", "max " + fmt(worstRss) + " MiB (" + fmtMap(rss) + ")",
                worstRss <= TARGET_RSS_MIB));
        targets.add(new Target("consistency checker passes", consistency, consistency.startsWith("OK")));
        return new Summary(max, best.map(WindowResult::label).orElse("-"), closed, tx, msgs, ceilingRate,
                max / ceilingRate, floor, rss, targets, consistency);
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(directory.resolve("results.json"), json.writeValueAsString(this));
        Files.writeString(directory.resolve("results.md"), markdown());
        Files.writeString(directory.resolve("results.svg"), chart());
    }

    /** Completed orders/s and saga latency against the offered load of the open-loop windows, with the ceiling. */
    String chart() {
        return BenchChart.svg("Bazaar benchmark, " + finishedAt + ": throughput and saga latency against offered load",
                machineLine(), BenchChart.points(windows), summary.ceilingOrdersPerSecond());
    }

    private String machineLine() {
        return machine.cores() + " cores (" + machine.cpuModel() + "), " + fmt(machine.memoryGib()) + " GiB, "
                + machine.javaVersion();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Bazaar benchmark, ").append(finishedAt).append(": ").append(machineLine()).append("\n\n");
        if (settings.containsKey("postgresMaintenance")) {
            md.append("PostgreSQL: ").append(settings.get("postgresMaintenance")).append(".\n\n");
        }
        if (settings.containsKey("tracing")) {
            md.append("Tracing: ").append(settings.get("tracing")).append(".\n\n");
        }
        md.append("| load | accepted/s | completed/s | in flight at end | drain s | bounded "
                + "| saga p50 / p90 / p99 / max ms | HTTP p50 / p99 / max ms "
                + "| CPU ms/order catalog / user / cart / ordering / PG / MQ | CPU ms/order total "
                + "| tx/order | SQL statements / round trips per order | msgs/order "
                + "| AMQP per order publishes / confirm waits / deliveries / acks | mean batch size per queue "
                + "| relay lag p50 / p99 ms | machine busy (other) |\n");
        md.append("|---|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---:|---|---|---|---:|\n");
        for (WindowResult w : windows) {
            Map<String, Double> cpu = w.cpuMillisPerOrder();
            md.append("| ").append(w.label())
                    .append(" | ").append(fmt(w.acceptedPerSecond()))
                    .append(" | ").append(fmt(w.completedPerSecond()))
                    .append(" | ").append(w.inFlightEnd())
                    .append(" | ").append(w.drained() ? fmt(w.drainSeconds()) : "not drained")
                    .append(" | ").append(w.bounded() ? "yes" : "**no**")
                    .append(" | ").append(fmt(w.saga().p50())).append(" / ").append(fmt(w.saga().p90()))
                    .append(" / ").append(fmt(w.saga().p99())).append(" / ").append(fmt(w.saga().max()))
                    .append(" | ").append(fmt(w.http().p50())).append(" / ").append(fmt(w.http().p99()))
                    .append(" / ").append(fmt(w.http().max()))
                    .append(" | ").append(fmt(cpu.get("catalog"))).append(" / ").append(fmt(cpu.get("user")))
                    .append(" / ").append(fmt(cpu.get("cart"))).append(" / ").append(fmt(cpu.get("ordering")))
                    .append(" / ").append(fmt(cpu.get(SystemSample.POSTGRES))).append(" / ")
                    .append(fmt(cpu.get(SystemSample.RABBITMQ)))
                    .append(" | ").append(fmt(w.cpuMillisPerOrderTotal()))
                    .append(" | ").append(fmt(w.transactionsPerOrder()))
                    .append(" | ").append(fmt(w.sqlStatementsPerOrder())).append(" / ")
                    .append(fmt(w.sqlRoundTripsPerOrder()))
                    .append(" | ").append(fmt(w.messagesPerOrder()))
                    .append(" | ").append(fmt(w.messagesPerOrder())).append(" / ")
                    .append(fmt(w.confirmWaitsPerOrder())).append(" / ").append(fmt(w.deliveriesPerOrder()))
                    .append(" / ").append(fmt(w.acksPerOrder()))
                    .append(" | ").append(batchSizes(w.meanBatchSize()))
                    .append(" | ").append(fmt(w.relayLagP50Millis())).append(" / ").append(fmt(w.relayLagP99Millis()))
                    .append(" | ").append(fmt(w.machineBusyPercent())).append(" % (")
                    .append(fmt(w.otherBusyPercent())).append(" %) |\n");
        }
        md.append("\n");
        if (windows.stream().anyMatch(w -> Double.isNaN(w.sqlStatementsPerOrder()))) {
            md.append("SQL statements per order need pg_stat_statements in shared_preload_libraries.\n\n");
        } else if (!windows.isEmpty()) {
            md.append("SQL statements/order: the calls pg_stat_statements counted in the four services' databases "
                    + "(top-level statements; BEGIN and COMMIT count too with pg_stat_statements.track_utility on, "
                    + "its default; the benchmark's own queries subtracted). Round trips: what the services' "
                    + "plain-SQL paths counted (`bazaar_sql_round_trips_total`: a statement sent while none of its "
                    + "connection's is outstanding starts one; the statements pipelined behind it share it; the "
                    + "Hibernate sessions of the other HTTP endpoints are not counted).\n\n");
        }
        md.append("AMQP per order: publishes (the same count as msgs/order), confirm waits (publish batches, one wait "
                + "for publisher confirms each), deliveries to the services' consumers and the basic.ack frames "
                + "they sent. Mean batch size: deliveries per consumer batch (one transaction each) on each queue "
                + "that had one.\n\n");
        for (WindowResult w : windows) {
            if (w.failed() > 0 || w.skipped() > 0 || w.rejected() > 0) {
                md.append("- ").append(w.label()).append(": ").append(w.failed()).append(" failed requests ")
                        .append(w.failures()).append(", ").append(w.skipped()).append(" arrivals skipped, ")
                        .append(w.rejected()).append(" orders rejected\n");
            }
        }
        md.append("\n![throughput and saga latency against offered load](results.svg)\n");
        Summary s = summary;
        md.append("\nPeak RSS per service (VmHWM): ").append(fmtMap(s.peakRssMib())).append(" MiB. ");
        md.append("Load generator (not counted above): ").append(windows.stream()
                .map(w -> fmt(w.loadGeneratorCpuMillisPerOrder())).toList()).append(" ms CPU per order. ");
        if (windows.stream().anyMatch(w -> !Double.isNaN(w.traceReceiverCpuMillisPerOrder()))) {
            md.append("OTLP trace receiver in the benchmark's JVM (a tracing backend's work, not counted above): ")
                    .append(windows.stream().map(w -> fmt(w.traceReceiverCpuMillisPerOrder())).toList())
                    .append(" ms CPU per order.");
        }
        md.append("\n\n");
        if (ceiling != null) {
            md.append("Ceiling, measured in the same run on the same cores: pgbench ")
                    .append(fmt(ceiling.pgbenchTps())).append(" tx/s (").append(ceiling.pgbenchClients())
                    .append(" clients, saga-step transaction with a ").append(ceiling.messageBodyBytes())
                    .append(" B outbox row, ").append(fmt(ceiling.postgresCpuMicrosPerTransaction()))
                    .append(" µs PostgreSQL CPU/tx); PerfTest ").append(fmt(ceiling.perfTestMessagesPerSecond()))
                    .append(" msg/s (").append(ceiling.messageBodyBytes()).append(" B persistent, confirms with ")
                    .append(ceiling.perfTestConfirmsInFlight()).append(" in flight, ")
                    .append(ceiling.perfTestProducers()).append(" quorum queues, ")
                    .append(fmt(ceiling.brokerCpuMicrosPerMessage())).append(" µs broker CPU/msg)")
                    .append(ceiling.notes().isEmpty() ? "" : " - " + ceiling.notes()).append(".\n");
            md.append("Per order (measured at ").append(s.maxSustainedAt()).append("): ")
                    .append(fmt(s.transactionsPerOrder())).append(" transactions and ")
                    .append(fmt(s.messagesPerOrder())).append(" messages, so the servers alone could carry 1 / (")
                    .append(fmt(s.transactionsPerOrder())).append(" / ").append(fmt(ceiling.pgbenchTps()))
                    .append(" + ").append(fmt(s.messagesPerOrder())).append(" / ")
                    .append(fmt(ceiling.perfTestMessagesPerSecond())).append(") = ")
                    .append(fmt(s.ceilingOrdersPerSecond())).append(" orders/s; Bazaar's maximum sustained ")
                    .append(fmt(s.maxSustainedCompletedPerSecond())).append(" orders/s is **")
                    .append(fmt(s.ratioToCeiling() * 100)).append(" %** of that ceiling. At the servers' "
                            + "benchmarked cost an order needs at least ")
                    .append(fmt(s.serverCpuFloorMillisPerOrder())).append(" ms of PostgreSQL + RabbitMQ CPU.\n\n");
        }
        md.append("| target | measured | met |\n|---|---|---|\n");
        for (Target target : s.targets()) {
            md.append("| ").append(target.target()).append(" | ").append(target.measured()).append(" | ")
                    .append(target.met() ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }

    private static String range(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return fmt(min) + "-" + fmt(max);
    }

    /** Mean batch size per queue, compactly: "catalog.stock-commands 3.1, user.credit-commands 2.8"; "-": none. */
    static String batchSizes(Map<String, Double> sizes) {
        if (sizes.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        sizes.forEach((queue, size) -> parts.add(queue + " " + String.format(Locale.ROOT, "%.1f", size)));
        return String.join(", ", parts);
    }

    private static String fmtMap(Map<String, Double> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key + " " + fmt(value)));
        return String.join(", ", parts);
    }

    static String fmt(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}

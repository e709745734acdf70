package dev.bazaar.e2e.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What one benchmark run does, from -Dbench.* system properties (defaults: the documented full run). */
record BenchSettings(List<Integer> rates, Duration window, Duration warmup, int warmupRate, int closedInFlight,
        Duration closedWindow, int customers, int products, Duration drainTimeout, Duration ceilingWindow,
        int pgbenchClients, int perfTestInflight, int perfTestQueues, boolean ceiling, Path perfTestLib,
        Path outputDir) {

    static BenchSettings fromSystemProperties(Path root) {
        Duration window = Duration.ofSeconds(integer("bench.seconds", 30));
        return new BenchSettings(
                Arrays.stream(System.getProperty("bench.rates", "10,15,20,25,30,40,60,80,120,150,200,250,300,350,400")
                        .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList(),
                window,
                Duration.ofSeconds(integer("bench.warmup", 60)),
                integer("bench.warmupRate", 30),
                integer("bench.closedInFlight", 32),
                Duration.ofSeconds(integer("bench.closedSeconds", (int) window.toSeconds())),
                integer("bench.customers", 20),
                integer("bench.products", 40),
                Duration.ofSeconds(integer("bench.drainTimeout", 60)),
                Duration.ofSeconds(integer("bench.ceilingSeconds", 10)),
                integer("bench.pgbenchClients", 16),
                integer("bench.perfTestInflight", 200),
                integer("bench.perfTestQueues", 4),
                Boolean.parseBoolean(System.getProperty("bench.ceiling", "true")),
                Path.of(System.getProperty("bench.perfTestLib", root.resolve("e2e/target/perf-test").toString())),
                root.resolve("e2e/target/bench"));
    }

    private static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}

package dev.bazaar.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.Backends;
import dev.bazaar.e2e.BazaarSystem;
import dev.bazaar.e2e.OtlpReceiver;
import dev.bazaar.e2e.ServiceProcess;
import dev.bazaar.e2e.Shop;
import dev.bazaar.e2e.checker.CheckReport;

/**
 * The benchmark (not part of the default test run: {@code ./bazaar bench}, or {@code ./mvnw verify -pl e2e -Pbench}).
 * Starts the four packaged services against fresh databases, seeds customers and products, warms up, then drives
 * orders open-loop at fixed arrival rates and once closed-loop, and measures completed orders per second, the
 * backlog, saga and HTTP latency, CPU per order per process, transactions, SQL statements and messages per order,
 * confirm waits, consumer deliveries, acks and batch sizes, relay lag and peak memory. Then the machine's ceiling
 * (pgbench, PerfTest) in the same run, the report and chart under e2e/target/bench/, and the consistency checker,
 * which must pass.
 */
class BenchmarkIT {


    @Test
    void completedOrdersPerSecondAgainstTheMachinesCeiling() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties(BazaarSystem.ROOT);
        BazaarSystem system = new BazaarSystem("bench", Backends.local());
        // Tracing as shipped (10 % of new traces, exported over OTLP/HTTP to a receiver that decodes and counts
        // them), or -Dbench.traceSampling=off (the OpenTelemetry SDK disabled) or another share such as 1.
        String sampling = System.getProperty("bench.traceSampling", "0.1").trim();
        OtlpReceiver traces = "off".equals(sampling) ? null : OtlpReceiver.start(false);
        try {
            // the saga deadlines as shipped (BazaarSystem shortens them for the fault scenarios)
            Map<String, String> environment = new HashMap<>(Map.of("BAZAAR_SAGA_STOCK_DEADLINE", "30s",
                    "BAZAAR_SAGA_CREDIT_DEADLINE", "30s"));
            if (traces == null) {
                environment.put("QUARKUS_OTEL_SDK_DISABLED", "true");
            } else {
                environment.put("BAZAAR_OTLP_ENDPOINT", traces.endpoint());
                environment.put("BAZAAR_TRACE_SAMPLING", sampling);
            }
            system.start(environment, Map.of());
            Servers servers = Servers.of(system.backends());
            Shop shop = new Shop(system);
            List<String> tokens = seedCustomers(shop, settings.customers());
            List<UUID> products = seedProducts(shop, settings.products());
            List<WindowResult> windows = new ArrayList<>();
            String maintenance = "not set";
            try (OrderTraffic traffic = new OrderTraffic(system.url("ordering"), tokens, products);
                    SagaProbe probe = new SagaProbe(system.databases(), system.backends().jdbcUrl("postgres"))) {
                WindowRun runner = new WindowRun(system, probe, servers, settings.drainTimeout(),
                        traces == null ? () -> Double.NaN : traces::cpuMillis);
                log("warm-up: 5 to %d orders/s over %s", settings.warmupRate(), settings.warmup());
                OpenLoop.ramp(traffic, 5, settings.warmupRate(), settings.warmup());
                maintenance = probe.maintainLikeProduction();
                log("PostgreSQL: %s", maintenance);
                for (int rate : settings.rates()) {
                    log("open loop: %d orders/s for %s", rate, settings.window());
                    WindowResult window = print(runner.measure("open " + rate + "/s", "open", rate, null,
                            settings.window(), () -> OpenLoop.run(traffic, rate, settings.window())));
                    windows.add(window);
                    if (!window.bounded()) {
                        log("the backlog of %d/s was not bounded: higher rates are not run", rate);
                        break;
                    }
                }
                if (settings.closedInFlight() > 0) {
                    log("closed loop: %d orders in flight for %s", settings.closedInFlight(), settings.closedWindow());
                    windows.add(print(runner.measure("closed, " + settings.closedInFlight() + " in flight", "closed",
                            null, settings.closedInFlight(), settings.closedWindow(), () -> closedLoop(traffic,
                                    probe, settings))));
                }
                runner.awaitQuiet(settings.drainTimeout());
            }
            CeilingResult ceiling = null;
            if (settings.ceiling()) {
                double bytes = windows.stream().mapToDouble(WindowResult::messageBodyBytes)
                        .filter(b -> !Double.isNaN(b)).average().orElse(600);
                log("ceiling: pgbench and PerfTest, %s each, %d B messages", settings.ceilingWindow(),
                        Math.round(bytes));
                ceiling = new Ceiling(system.backends(), servers, settings, settings.outputDir().resolve("ceiling"))
                        .measure((int) Math.round(bytes));
            }
            CheckReport check = system.awaitQuietAndCheck(Duration.ofMinutes(3));
            String consistency = check.isClean()
                    ? "OK: " + check.orders() + " orders " + check.ordersByState() + ", 0 violations"
                    : "FAILED: " + check.violations().size() + " violation(s)";
            Map<String, Object> recorded = settingsOf(settings);
            recorded.put("postgresMaintenance", maintenance);
            recorded.put("tracing", traces == null ? "off (OpenTelemetry SDK disabled)" : "sampling " + sampling
                    + " of new traces, OTLP/HTTP to a receiver in the benchmark's JVM: " + traces.received()
                    + " spans in " + traces.requests() + " exports");
            BenchReport report = new BenchReport(Instant.now().toString(), Machine.current(), recorded,
                    windows, ceiling, BenchReport.summarize(windows, ceiling, consistency));
            report.write(settings.outputDir());
            System.out.println();
            System.out.println(report.markdown());
            System.out.println("Written to " + settings.outputDir().resolve("results.md") + ", results.json and "
                    + "results.svg");
            assertThat(check.violations()).as("consistency violations after the benchmark").isEmpty();
        } finally {
            system.destroy();
            if (traces != null) {
                traces.close();
            }
        }
    }

    private static LoadResult closedLoop(OrderTraffic traffic, SagaProbe probe, BenchSettings settings) {
        try {
            return ClosedLoop.run(traffic, probe, settings.closedInFlight(), settings.closedWindow());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Customers with credit for far more orders than the run places (one order costs 1.00). */
    private static List<String> seedCustomers(Shop shop, int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Shop.Customer customer = shop.signUp("Bench Customer " + i);
            shop.topUp(customer, "10000000.00");
            tokens.add(customer.token());
        }
        return tokens;
    }

    /** Products with stock for far more orders than the run places (one unit per order). */
    private static List<UUID> seedProducts(Shop shop, int count) {
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(shop.createProduct("BENCH", "1.00", 1_000_000));
        }
        return products;
    }

    private static Map<String, Object> settingsOf(BenchSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rates", settings.rates());
        map.put("windowSeconds", settings.window().toSeconds());
        map.put("warmupSeconds", settings.warmup().toSeconds());
        map.put("warmupRate", settings.warmupRate());
        map.put("closedLoopOrdersInFlight", settings.closedInFlight());
        map.put("customers", settings.customers());
        map.put("products", settings.products());
        map.put("order", "POST /orders, 1 line, quantity 1, Idempotency-Key");
        map.put("serviceJvmOptions", ServiceProcess.jvmOptions());
        return map;
    }

    private static WindowResult print(WindowResult window) {
        log("%s: accepted %.1f/s, completed %.1f/s, in flight at end %d, drain %.1f s, saga p99 %.1f ms, "
                + "CPU %.2f ms/order, %.2f tx/order, %.2f msgs/order", window.label(), window.acceptedPerSecond(),
                window.completedPerSecond(), window.inFlightEnd(), window.drainSeconds(), window.saga().p99(),
                window.cpuMillisPerOrderTotal(), window.transactionsPerOrder(), window.messagesPerOrder());
        log("  per order: %s SQL statements, %s round trips; AMQP %s publishes, %s confirm waits, %s deliveries, "
                + "%s acks; mean batch size per queue: %s", BenchReport.fmt(window.sqlStatementsPerOrder()),
                BenchReport.fmt(window.sqlRoundTripsPerOrder()),
                BenchReport.fmt(window.messagesPerOrder()), BenchReport.fmt(window.confirmWaitsPerOrder()),
                BenchReport.fmt(window.deliveriesPerOrder()), BenchReport.fmt(window.acksPerOrder()),
                BenchReport.batchSizes(window.meanBatchSize()));
        log("  slowest orders (placed at, total = to stock reserved + to confirmed, ms): %s; PostgreSQL in the "
                + "window: %s", window.slowest().stream().map(order -> String.format(Locale.ROOT,
                        "%s %.0f = %.0f + %.0f", order.placedAt(), order.totalMillis(), order.stockLegMillis(),
                        order.creditLegMillis())).collect(Collectors.joining(", ")), window.backgroundWork());
        return window;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}

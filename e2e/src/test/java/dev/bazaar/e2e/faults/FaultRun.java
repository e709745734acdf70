package dev.bazaar.e2e.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;

import dev.bazaar.e2e.checker.CheckReport;
import dev.bazaar.e2e.checker.ClientHistory;
import dev.bazaar.e2e.checker.ConsistencyChecker;
import dev.bazaar.e2e.checker.Databases;
import dev.bazaar.e2e.checker.JepsenCounts;

/**
 * Measures one fault scenario: samples the outbox backlog while it runs, waits for the system to be quiet after the
 * fault was lifted, then counts accepted, lost, duplicated and stuck orders and runs the consistency checker.
 */
final class FaultRun implements AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

    private final String name;
    private final Databases databases;
    private final AtomicLong peakBacklog = new AtomicLong();
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread sampler;
    private final long deadLettersBefore;
    private final DeadLetterCount deadLetterCount;
    private final Callable<Boolean> quiet;

    /** Counts messages in every dead-letter queue of the system's vhost. */
    interface DeadLetterCount {
        long total();
    }

    /** {@code quiet}: whether nothing is left to do (BazaarSystem.quiet: databases and broker queues). */
    FaultRun(String name, Databases databases, DeadLetterCount deadLetterCount, Callable<Boolean> quiet) {
        this.name = name;
        this.quiet = quiet;
        this.databases = databases;
        this.deadLetterCount = deadLetterCount;
        this.deadLettersBefore = deadLetterCount.total();
        this.sampler = new Thread(this::sample, "outbox-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Waits until every accepted order is terminal and nothing is in flight (counted from {@code faultLifted}),
     * then produces the scenario's line of the table.
     */
    ScenarioResult finish(CheckoutStream stream, Instant faultLifted, Duration quietTimeout) throws Exception {
        Set<UUID> accepted = stream.accepted();
        Duration recovery;
        try {
            Awaitility.await(name + ": quiet").atMost(quietTimeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> statuses(accepted).values().stream().allMatch(TERMINAL::contains)
                            && quiet.call());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // measured below as stuck or lost orders and as violations
        } finally {
            recovery = Duration.between(faultLifted, Instant.now());
        }
        sampling.set(false);
        CheckReport report = new ConsistencyChecker(databases, 0).check(new ClientHistory(accepted,
                Set.copyOf(stream.customers()), stream.keysSent()));
        report.print(System.out);
        JepsenCounts counts = report.counts();
        long deadLettered = deadLetterCount.total() - deadLettersBefore;
        return new ScenarioResult(name, counts.accepted(), stream.streamed(), counts.lost(), counts.duplicated(),
                counts.stuck(), counts.violations(), recovery, peakBacklog.get(), deadLettered,
                stream.failedAttempts() + " failed attempts, " + stream.abandoned() + " abandoned");
    }

    private Map<UUID, String> statuses(Set<UUID> ids) throws Exception {
        Map<UUID, String> result = new java.util.HashMap<>();
        try (Connection c = java.sql.DriverManager.getConnection(databases.ordering(), databases.username(),
                databases.password()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, status from orders")) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (ids.contains(id)) {
                    result.put(id, rs.getString(2));
                }
            }
        }
        return result;
    }

    private void sample() {
        List<String> urls = List.of(databases.catalog(), databases.user(), databases.cart(), databases.ordering());
        while (sampling.get()) {
            long backlog = 0;
            for (String url : urls) {
                try (Connection c = java.sql.DriverManager.getConnection(url, databases.username(),
                        databases.password()); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select count(*) from outbox_message")) {
                    rs.next();
                    backlog += rs.getLong(1);
                } catch (Exception databaseDown) {
                    // sampled again in a moment
                }
            }
            peakBacklog.accumulateAndGet(backlog, Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        sampling.set(false);
        sampler.interrupt();
    }
}

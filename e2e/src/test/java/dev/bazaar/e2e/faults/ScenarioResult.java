package dev.bazaar.e2e.faults;

import java.time.Duration;

/**
 * One line of the fault table, Jepsen-style: what was accepted and how much of it was lost, doubled or stuck. How many
 * orders a scenario accepts follows how long its stream ran ({@code streamed}), so the table shows both.
 */
record ScenarioResult(String scenario, int accepted, Duration streamed, int lost, int duplicated, int stuck,
        int violations, Duration recovery, long peakOutboxBacklog, long deadLettered, String note) {

    static String header() {
        return String.format("| %-56s | %8s | %8s | %4s | %10s | %5s | %10s | %8s | %11s | %12s |%n", "scenario",
                "accepted", "streamed", "lost", "duplicated", "stuck", "violations", "recovery", "peak outbox",
                "dead-letters")
                + String.format("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(58), "-".repeat(10), "-".repeat(10),
                "-".repeat(6), "-".repeat(12), "-".repeat(7), "-".repeat(12), "-".repeat(10), "-".repeat(13),
                "-".repeat(14));
    }

    String row() {
        return String.format("| %-56s | %8d | %7.1fs | %4d | %10d | %5d | %10d | %7.1fs | %11d | %12d |%n", scenario,
                accepted, streamed.toMillis() / 1000.0, lost, duplicated, stuck, violations,
                recovery.toMillis() / 1000.0, peakOutboxBacklog, deadLettered);
    }
}

package dev.bazaar.e2e.checker;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the checker found: orders by state, counts of what it checked, every violation with its ids and, when given
 * the clients' history, the Jepsen-style counts (accepted, lost, duplicated, stuck, violations).
 */
public record CheckReport(Map<String, Long> ordersByState, int products, int accounts, List<Violation> violations,
        JepsenCounts counts) {

    public boolean isClean() {
        return violations.isEmpty();
    }

    public long orders() {
        return ordersByState.values().stream().mapToLong(Long::longValue).sum();
    }

    public long ordersIn(String state) {
        return ordersByState.getOrDefault(state, 0L);
    }

    public void print(PrintStream out) {
        out.printf("Consistency check: %d orders %s, %d products, %d credit accounts%n", orders(),
                new TreeMap<>(ordersByState), products, accounts);
        if (counts != null) {
            out.println("Client history: " + counts.summary());
        }
        if (isClean()) {
            out.println("OK: every invariant holds (0 violations)");
            return;
        }
        out.printf("FAILED: %d violation(s)%n", violations.size());
        violations.stream().limit(200).forEach(violation -> out.println("  - " + violation));
        if (violations.size() > 200) {
            out.printf("  ... and %d more%n", violations.size() - 200);
        }
    }
}

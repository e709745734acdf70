package dev.bazaar.e2e.checker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The client's history held against the databases: accepted (2xx), lost (accepted but no order), duplicated (more
 * orders than requests, or a second effect the invariants show), stuck (accepted but not terminal) and violations.
 */
public record JepsenCounts(int accepted, int lost, int duplicated, int stuck, int violations) {

    static JepsenCounts of(ClientHistory history, Snapshot snapshot, List<Violation> violations) {
        Map<UUID, Snapshot.Order> orders = snapshot.orders();
        int lost = (int) history.accepted().stream().filter(id -> !orders.containsKey(id)).count();
        int stuck = (int) history.accepted().stream().map(orders::get)
                .filter(order -> order != null && !ConsistencyChecker.TERMINAL.contains(order.status())).count();
        long ordersOfCustomers = orders.values().stream()
                .filter(order -> history.customers().contains(order.customerId())).count();
        int extraOrders = (int) Math.max(0, ordersOfCustomers - history.requestsSent());
        int secondEffects = (int) violations.stream().filter(JepsenCounts::isDuplicateEffect).count();
        return new JepsenCounts(history.accepted().size(), lost, extraOrders + secondEffects, stuck,
                violations.size());
    }

    /** Invariants that only a message applied twice (or an order created twice) can break. */
    private static boolean isDuplicateEffect(Violation violation) {
        String invariant = violation.invariant();
        return invariant.endsWith("match reservations") || invariant.endsWith("match holds")
                || invariant.equals("one order per checkout") || invariant.endsWith("conserved");
    }

    public String summary() {
        return "accepted " + accepted + ", lost " + lost + ", duplicated " + duplicated + ", stuck " + stuck
                + ", violations " + violations;
    }
}

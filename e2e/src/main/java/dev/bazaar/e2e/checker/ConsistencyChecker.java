package dev.bazaar.e2e.checker;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.bazaar.e2e.checker.Snapshot.Order;

/**
 * Checks the invariants of DESIGN.md across the four databases, read-only. Meant for a quiet system (no checkout
 * in flight): every order must then be terminal and every counter must match the rows that explain it.
 */
public final class ConsistencyChecker {

    static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final Set<String> ACTIVE_STOCK = Set.of("RESERVED", "COMMITTED");
    private static final Set<String> ACTIVE_CREDIT = Set.of("HELD", "CAPTURED");

    private final Databases databases;
    private final int staleOutboxSeconds;

    public ConsistencyChecker(Databases databases, int staleOutboxSeconds) {
        this.databases = databases;
        this.staleOutboxSeconds = staleOutboxSeconds;
    }

    public CheckReport check() throws SQLException {
        return evaluate(Snapshot.read(databases, staleOutboxSeconds), staleOutboxSeconds, null);
    }

    /** Also holds the clients' history against the databases: the Jepsen-style counts of the report. */
    public CheckReport check(ClientHistory history) throws SQLException {
        return evaluate(Snapshot.read(databases, staleOutboxSeconds), staleOutboxSeconds, history);
    }

    static CheckReport evaluate(Snapshot snapshot, int staleOutboxSeconds) {
        return evaluate(snapshot, staleOutboxSeconds, null);
    }

    static CheckReport evaluate(Snapshot snapshot, int staleOutboxSeconds, ClientHistory history) {
        List<Violation> violations = new ArrayList<>();
        checkOrders(snapshot, violations);
        checkOrphans(snapshot, violations);
        checkStock(snapshot, violations);
        checkMoney(snapshot, violations);
        checkCarts(snapshot, violations);
        snapshot.staleOutboxRows().forEach((service, rows) -> {
            if (rows > 0) {
                violations.add(new Violation("outbox drained", service, rows + " row(s) older than "
                        + staleOutboxSeconds + " s still unpublished"));
            }
        });
        Map<String, Long> byState = snapshot.orders().values().stream()
                .collect(Collectors.groupingBy(Order::status, TreeMap::new, Collectors.counting()));
        JepsenCounts counts = history == null ? null : JepsenCounts.of(history, snapshot, violations);
        return new CheckReport(byState, snapshot.products().size(), snapshot.accounts().size(), violations, counts);
    }

    private static void checkOrders(Snapshot s, List<Violation> out) {
        for (Order order : s.orders().values()) {
            String id = order.id().toString();
            var reservation = s.reservations().get(order.id());
            var hold = s.holds().get(order.id());
            String stock = reservation == null ? "none" : reservation.status();
            String credit = hold == null ? "none" : hold.status();
            if (!TERMINAL.contains(order.status())) {
                out.add(new Violation("terminal state", id, "order still " + order.status()));
            } else if (order.status().equals("CONFIRMED")) {
                if (!stock.equals("COMMITTED")) {
                    out.add(new Violation("confirmed => stock committed", id, "stock reservation is " + stock));
                } else if (!reservation.lines().equals(order.lines())) {
                    out.add(new Violation("confirmed => stock committed", id, "reserved lines "
                            + reservation.lines() + " differ from order lines " + order.lines()));
                }
                if (!credit.equals("CAPTURED")) {
                    out.add(new Violation("confirmed => credit captured", id, "credit hold is " + credit));
                } else if (order.total() == null || hold.amount().compareTo(order.total()) != 0) {
                    out.add(new Violation("confirmed => credit captured", id, "captured " + hold.amount()
                            + " but order total is " + order.total()));
                }
            } else {
                if (ACTIVE_STOCK.contains(stock)) {
                    out.add(new Violation("rejected/cancelled => no stock held", id, order.status()
                            + " order has stock reservation " + stock));
                }
                if (ACTIVE_CREDIT.contains(credit)) {
                    out.add(new Violation("rejected/cancelled => no credit held", id, order.status()
                            + " order has credit hold " + credit));
                }
            }
        }
    }

    /** Stock or credit held for an order ordering does not know: something was created outside the saga. */
    private static void checkOrphans(Snapshot s, List<Violation> out) {
        s.reservations().values().stream()
                .filter(r -> ACTIVE_STOCK.contains(r.status()) && !s.orders().containsKey(r.orderId()))
                .forEach(r -> out.add(new Violation("no orphan reservation", r.orderId().toString(),
                        "stock " + r.status() + " for an unknown order")));
        s.holds().values().stream()
                .filter(h -> ACTIVE_CREDIT.contains(h.status()) && !s.orders().containsKey(h.orderId()))
                .forEach(h -> out.add(new Violation("no orphan hold", h.orderId().toString(),
                        "credit " + h.status() + " for an unknown order")));
    }

    /** initial + restocked = on hand + reserved + sold, and reserved/sold equal the reservations behind them. */
    private static void checkStock(Snapshot s, List<Violation> out) {
        Map<UUID, Long> reserved = new HashMap<>();
        Map<UUID, Long> sold = new HashMap<>();
        for (var reservation : s.reservations().values()) {
            Map<UUID, Long> target = switch (reservation.status()) {
                case "RESERVED" -> reserved;
                case "COMMITTED" -> sold;
                default -> null;
            };
            if (target != null) {
                reservation.lines().forEach((product, quantity) -> target.merge(product, (long) quantity, Long::sum));
            }
        }
        for (var product : s.products().values()) {
            String subject = product.sku() + " " + product.id();
            if (product.stockAdded() != product.onHand() + product.reserved() + product.sold()) {
                out.add(new Violation("stock conserved", subject, "added " + product.stockAdded() + " != on hand "
                        + product.onHand() + " + reserved " + product.reserved() + " + sold " + product.sold()));
            }
            long expectReserved = reserved.getOrDefault(product.id(), 0L);
            long expectSold = sold.getOrDefault(product.id(), 0L);
            if (product.reserved() != expectReserved || product.sold() != expectSold) {
                out.add(new Violation("stock counters match reservations", subject, "reserved " + product.reserved()
                        + "/sold " + product.sold() + " but reservations say " + expectReserved + "/" + expectSold));
            }
        }
    }

    /** top-ups = balance + holds + captured, and held/captured equal the holds behind them. */
    private static void checkMoney(Snapshot s, List<Violation> out) {
        Map<UUID, BigDecimal> held = new HashMap<>();
        Map<UUID, BigDecimal> captured = new HashMap<>();
        for (var hold : s.holds().values()) {
            if (hold.status().equals("HELD")) {
                held.merge(hold.customerId(), hold.amount(), BigDecimal::add);
            } else if (hold.status().equals("CAPTURED")) {
                captured.merge(hold.customerId(), hold.amount(), BigDecimal::add);
            }
        }
        for (var account : s.accounts().values()) {
            String subject = account.customerId().toString();
            BigDecimal sum = account.balance().add(account.held()).add(account.captured());
            if (account.toppedUp().compareTo(sum) != 0 || account.toppedUp().compareTo(account.topUpSum()) != 0) {
                out.add(new Violation("money conserved", subject, "top-ups " + account.topUpSum() + " (recorded "
                        + account.toppedUp() + ") != balance " + account.balance() + " + held " + account.held()
                        + " + captured " + account.captured()));
            }
            BigDecimal expectHeld = held.getOrDefault(account.customerId(), BigDecimal.ZERO);
            BigDecimal expectCaptured = captured.getOrDefault(account.customerId(), BigDecimal.ZERO);
            if (account.held().compareTo(expectHeld) != 0 || account.captured().compareTo(expectCaptured) != 0) {
                out.add(new Violation("credit counters match holds", subject, "held " + account.held() + "/captured "
                        + account.captured() + " but holds say " + expectHeld + "/" + expectCaptured));
            }
        }
    }

    /** Every checkout became exactly one live order, and the cart followed the order's outcome. */
    private static void checkCarts(Snapshot s, List<Violation> out) {
        for (var cart : s.carts()) {
            if (!cart.status().equals("CHECKED_OUT")) {
                continue;
            }
            Order order = s.orders().get(cart.orderId());
            if (order == null) {
                out.add(new Violation("checkout became an order", cart.id().toString(),
                        "cart checked out as order " + cart.orderId() + " which ordering does not have"));
            } else if (TERMINAL.contains(order.status())) {
                out.add(new Violation("cart follows its order", cart.id().toString(),
                        "cart still CHECKED_OUT but order " + order.id() + " is " + order.status()));
            }
        }
        s.orders().values().stream()
                .filter(order -> order.cartId() != null && !order.status().equals("REJECTED"))
                .collect(Collectors.groupingBy(Order::cartId, Collectors.counting()))
                .forEach((cartId, live) -> {
                    if (live > 1) {
                        out.add(new Violation("one order per checkout", cartId.toString(),
                                live + " orders that were not rejected came from one cart"));
                    }
                });
    }
}

package dev.bazaar.e2e.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.checker.Snapshot.Account;
import dev.bazaar.e2e.checker.Snapshot.Cart;
import dev.bazaar.e2e.checker.Snapshot.Hold;
import dev.bazaar.e2e.checker.Snapshot.Order;
import dev.bazaar.e2e.checker.Snapshot.Product;
import dev.bazaar.e2e.checker.Snapshot.Reservation;

/** The checker's rules on hand-made snapshots: a consistent world passes, each kind of damage is named. */
class ConsistencyCheckerTest {

    private static final UUID MUG = UUID.randomUUID();
    private static final UUID ADA = UUID.randomUUID();

    private final World world = new World();

    @Test
    void consistentWorldHasNoViolations() {
        world.confirmed(UUID.randomUUID(), 2, "25.00");
        world.rejected(UUID.randomUUID());

        CheckReport report = world.check();

        assertThat(report.violations()).isEmpty();
        assertThat(report.ordersByState()).containsEntry("CONFIRMED", 1L).containsEntry("REJECTED", 1L);
    }

    @Test
    void orderStillInFlightIsNotTerminal() {
        UUID order = UUID.randomUUID();
        world.orders.put(order, new Order(order, ADA, null, "STOCK_RESERVED", null, Map.of(MUG, 1)));

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("terminal state");
    }

    @Test
    void confirmedOrderWithoutCapturedChargeIsReported() {
        UUID order = world.confirmed(UUID.randomUUID(), 2, "25.00");
        world.holds.put(order, new Hold(order, ADA, new BigDecimal("25.00"), "HELD"));
        world.account = new Account(ADA, new BigDecimal("75.00"), new BigDecimal("25.00"), BigDecimal.ZERO,
                new BigDecimal("100.00"), new BigDecimal("100.00"));

        assertThat(world.check().violations()).extracting(Violation::invariant)
                .contains("confirmed => credit captured");
    }

    @Test
    void capturedAmountDifferentFromTheOrderTotalIsReported() {
        UUID order = world.confirmed(UUID.randomUUID(), 2, "25.00");
        world.orders.put(order, new Order(order, ADA, null, "CONFIRMED", new BigDecimal("24.00"), Map.of(MUG, 2)));

        assertThat(world.check().violations()).extracting(Violation::detail)
                .anyMatch(detail -> detail.contains("captured 25.00 but order total is 24.00"));
    }

    @Test
    void rejectedOrderStillHoldingStockIsReported() {
        UUID order = world.rejected(UUID.randomUUID());
        world.reservations.put(order, new Reservation(order, "RESERVED", Map.of(MUG, 1)));
        world.product = new Product(MUG, "MUG", 9, 1, 0, 10);

        assertThat(world.check().violations()).extracting(Violation::invariant)
                .contains("rejected/cancelled => no stock held");
    }

    @Test
    void stockCreatedOutOfNothingBreaksConservation() {
        world.product = new Product(MUG, "MUG", 11, 0, 0, 10);

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("stock conserved");
    }

    @Test
    void soldCounterWithoutCommittedReservationsIsReported() {
        world.product = new Product(MUG, "MUG", 8, 0, 2, 10);

        assertThat(world.check().violations()).extracting(Violation::invariant)
                .contains("stock counters match reservations");
    }

    @Test
    void moneyLostBreaksConservation() {
        world.account = new Account(ADA, new BigDecimal("90.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("100.00"), new BigDecimal("100.00"));

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("money conserved");
    }

    @Test
    void holdForAnUnknownOrderIsAnOrphan() {
        UUID ghost = UUID.randomUUID();
        world.holds.put(ghost, new Hold(ghost, ADA, new BigDecimal("10.00"), "HELD"));
        world.account = new Account(ADA, new BigDecimal("90.00"), new BigDecimal("10.00"), BigDecimal.ZERO,
                new BigDecimal("100.00"), new BigDecimal("100.00"));

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("no orphan hold");
    }

    @Test
    void cartLeftCheckedOutAfterItsOrderEndedIsReported() {
        UUID order = world.rejected(UUID.randomUUID());
        world.carts.add(new Cart(UUID.randomUUID(), ADA, "CHECKED_OUT", order));

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("cart follows its order");
    }

    @Test
    void checkoutThatNeverBecameAnOrderIsReported() {
        world.carts.add(new Cart(UUID.randomUUID(), ADA, "CHECKED_OUT", UUID.randomUUID()));

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("checkout became an order");
    }

    @Test
    void twoLiveOrdersFromOneCartAreReported() {
        UUID cart = UUID.randomUUID();
        UUID first = world.confirmed(UUID.randomUUID(), 1, "12.50");
        UUID second = world.confirmed(UUID.randomUUID(), 1, "12.50");
        world.orders.put(first, withCart(world.orders.get(first), cart));
        world.orders.put(second, withCart(world.orders.get(second), cart));

        assertThat(world.check().violations()).extracting(Violation::invariant).contains("one order per checkout");
    }

    @Test
    void unpublishedOutboxRowsAreReported() {
        world.staleOutbox.put("catalog", 3L);

        assertThat(world.check().violations()).extracting(Violation::toString)
                .anyMatch(text -> text.contains("outbox drained [catalog]: 3 row(s)"));
    }

    @Test
    void clientHistoryCountsLostStuckAndDuplicatedOrders() {
        UUID confirmed = world.confirmed(UUID.randomUUID(), 1, "12.50");
        UUID inFlight = UUID.randomUUID();
        world.orders.put(inFlight, new Order(inFlight, ADA, null, "PENDING", null, Map.of(MUG, 1)));
        UUID neverStored = UUID.randomUUID();

        JepsenCounts counts = ConsistencyChecker.evaluate(world.snapshot(), 30,
                new ClientHistory(java.util.Set.of(confirmed, inFlight, neverStored), java.util.Set.of(ADA), 1))
                .counts();

        assertThat(counts.accepted()).isEqualTo(3);
        assertThat(counts.lost()).isEqualTo(1);
        assertThat(counts.stuck()).isEqualTo(1);
        assertThat(counts.duplicated()).as("two orders of one customer from one request").isEqualTo(1);
        assertThat(counts.violations()).isEqualTo(1);
    }

    private static Order withCart(Order order, UUID cart) {
        return new Order(order.id(), order.customerId(), cart, order.status(), order.total(), order.lines());
    }

    /** One product and one account, kept consistent by the helpers unless a test breaks them on purpose. */
    private static final class World {
        final Map<UUID, Order> orders = new HashMap<>();
        final Map<UUID, Reservation> reservations = new HashMap<>();
        final Map<UUID, Hold> holds = new HashMap<>();
        final List<Cart> carts = new ArrayList<>();
        final Map<String, Long> staleOutbox = new HashMap<>(Map.of("catalog", 0L));
        Product product = new Product(MUG, "MUG", 10, 0, 0, 10);
        Account account = new Account(ADA, new BigDecimal("100.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("100.00"), new BigDecimal("100.00"));
        private long sold;
        private BigDecimal captured = BigDecimal.ZERO;

        UUID confirmed(UUID id, int quantity, String total) {
            orders.put(id, new Order(id, ADA, null, "CONFIRMED", new BigDecimal(total), Map.of(MUG, quantity)));
            reservations.put(id, new Reservation(id, "COMMITTED", Map.of(MUG, quantity)));
            holds.put(id, new Hold(id, ADA, new BigDecimal(total), "CAPTURED"));
            sold += quantity;
            captured = captured.add(new BigDecimal(total));
            product = new Product(MUG, "MUG", 10 - sold, 0, sold, 10);
            account = new Account(ADA, new BigDecimal("100.00").subtract(captured), BigDecimal.ZERO, captured,
                    new BigDecimal("100.00"), new BigDecimal("100.00"));
            return id;
        }

        UUID rejected(UUID id) {
            orders.put(id, new Order(id, ADA, null, "REJECTED", null, Map.of(MUG, 1)));
            reservations.put(id, new Reservation(id, "RELEASED", Map.of(MUG, 1)));
            return id;
        }

        Snapshot snapshot() {
            return new Snapshot(orders, reservations, Map.of(MUG, product), holds, Map.of(ADA, account), carts,
                    staleOutbox);
        }

        CheckReport check() {
            return ConsistencyChecker.evaluate(snapshot(), 30);
        }
    }
}

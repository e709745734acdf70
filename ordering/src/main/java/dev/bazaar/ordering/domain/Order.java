package dev.bazaar.ordering.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The order aggregate as the saga sees it: an immutable value, each transition returns the next value. Transitions
 * only check that the state machine allows them; which transition an incoming reply causes is decided by the saga.
 *
 * @param deadline when the awaited reply is overdue; null in the states that await nothing
 * @param stockReleased during cancellation: catalog confirmed that the stock went back
 * @param creditReleased during cancellation: user confirmed that the credit was refunded
 */
public record Order(
        UUID id,
        UUID customerId,
        UUID cartId,
        OrderStatus status,
        List<OrderLine> lines,
        BigDecimal total,
        String rejectionReason,
        Instant deadline,
        boolean stockReleased,
        boolean creditReleased) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }

    /** A new order in PENDING, lines merged per product; {@code cartId} is null for an order placed directly. */
    public static Order place(UUID id, UUID customerId, UUID cartId, List<OrderLine> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        return new Order(id, customerId, cartId, OrderStatus.PENDING, OrderLine.merge(requested), null, null, null,
                false, false);
    }

    public boolean isPriced() {
        return total != null;
    }

    /** Deadline of the reply the order waits for now (stock reservation or a cancellation retry). */
    public Order awaitingUntil(Instant newDeadline) {
        if (!status.awaitsReply()) {
            throw new IllegalOrderTransitionException("a " + status + " order awaits no reply and has no deadline");
        }
        return new Order(id, customerId, cartId, status, lines, total, rejectionReason,
                Objects.requireNonNull(newDeadline, "deadline"), stockReleased, creditReleased);
    }

    /** Catalog holds the stock; its prices and total are now the order's. */
    public Order stockReserved(List<OrderLine> pricedLines, BigDecimal pricedTotal, Instant creditDeadline) {
        requireMove(OrderStatus.STOCK_RESERVED);
        if (pricedLines.size() != lines.size() || !pricedLines.stream().allMatch(OrderLine::isPriced)) {
            throw new IllegalArgumentException("every line of order " + id + " must be priced");
        }
        return new Order(id, customerId, cartId, OrderStatus.STOCK_RESERVED, pricedLines,
                Objects.requireNonNull(pricedTotal, "total"), null, creditDeadline, false, false);
    }

    public Order confirmed() {
        requireMove(OrderStatus.CONFIRMED);
        return new Order(id, customerId, cartId, OrderStatus.CONFIRMED, lines, total, null, null, false, false);
    }

    public Order rejected(String reason) {
        requireMove(OrderStatus.REJECTED);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        return new Order(id, customerId, cartId, OrderStatus.REJECTED, lines, total, reason, null, false, false);
    }

    /** Cancellation starts: both releases are outstanding until their replies arrive. */
    public Order cancelling(Instant releaseDeadline) {
        requireMove(OrderStatus.CANCELLING);
        return new Order(id, customerId, cartId, OrderStatus.CANCELLING, lines, total, null,
                Objects.requireNonNull(releaseDeadline, "deadline"), false, false);
    }

    public Order stockReturned() {
        requireCancelling("stock release");
        return new Order(id, customerId, cartId, status, lines, total, null, deadline, true, creditReleased);
    }

    public Order creditReturned() {
        requireCancelling("credit release");
        return new Order(id, customerId, cartId, status, lines, total, null, deadline, stockReleased, true);
    }

    /** Both participants gave back what the order had; only then is the cancellation complete. */
    public Order cancelled() {
        requireMove(OrderStatus.CANCELLED);
        if (!stockReleased || !creditReleased) {
            throw new IllegalOrderTransitionException("order " + id + " cannot be CANCELLED before both stock and "
                    + "credit were released (stock " + stockReleased + ", credit " + creditReleased + ")");
        }
        return new Order(id, customerId, cartId, OrderStatus.CANCELLED, lines, total, null, null, true, true);
    }

    private void requireMove(OrderStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalOrderTransitionException("order " + id + " cannot move from " + status + " to " + next);
        }
    }

    private void requireCancelling(String what) {
        if (status != OrderStatus.CANCELLING) {
            throw new IllegalOrderTransitionException("a " + what + " applies only to a CANCELLING order; order " + id
                    + " is " + status);
        }
    }
}

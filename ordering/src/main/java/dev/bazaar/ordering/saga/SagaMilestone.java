package dev.bazaar.ordering.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderStatus;

/**
 * What one saga decision completed, as the metrics see it: the end of a leg (stock: placed until catalog's answer or
 * the stock deadline; credit: stock reserved until user's answer or the credit deadline) and the end of the saga, each
 * with how long it took. Every label is one of a few fixed words, never free text: a rejection's reason is the saga's
 * own sentence or the participant's, and becomes one of {@link #REASONS}.
 *
 * @param leg "stock" or "credit"; null when the decision ends no leg (a cancellation)
 * @param legResult "reserved", "rejected" or "timed_out"
 * @param result "confirmed", "rejected" or "cancelled"; null when the saga goes on
 * @param reason why it ended: "none" for a confirmed order, else one of {@link #REASONS}
 * @param duration from the order's placement to its end; null for a cancellation, which is not the saga's own latency
 */
public record SagaMilestone(String leg, String legResult, Duration legDuration, String result, String reason,
        Duration duration) {

    /** Every reason of a rejected or cancelled saga; catalog's and user's refusals are short stock and short credit. */
    public static final List<String> REASONS = List.of("stock_short", "credit_short",
            "deadline_stock", "deadline_credit", "cancelled");

    /**
     * @param createdAt when the order was placed
     * @param inStateSince when the order entered the state it had before this decision
     */
    static Optional<SagaMilestone> of(SagaDecision decision, Instant createdAt, Instant inStateSince, Instant now) {
        Order before = decision.before();
        Order after = decision.after();
        if (before == null || before.status() == after.status()) {
            return Optional.empty();
        }
        OrderStatus from = before.status();
        OrderStatus to = after.status();
        boolean timedOut = OrderSaga.STOCK_TIMEOUT.equals(after.rejectionReason())
                || OrderSaga.CREDIT_TIMEOUT.equals(after.rejectionReason());
        String leg = switch (from) {
            case PENDING -> "stock";
            case STOCK_RESERVED -> "credit";
            default -> null;
        };
        String legResult = to == OrderStatus.REJECTED ? (timedOut ? "timed_out" : "rejected") : "reserved";
        Duration legDuration = leg == null ? null
                : Duration.between(from == OrderStatus.PENDING ? createdAt : inStateSince, now);
        String result = switch (to) {
            case CONFIRMED, REJECTED, CANCELLED -> to.name().toLowerCase(Locale.ROOT);
            default -> null;
        };
        String reason = switch (to) {
            case CONFIRMED -> "none";
            case CANCELLED -> "cancelled";
            case REJECTED -> from == OrderStatus.PENDING ? (timedOut ? "deadline_stock" : "stock_short")
                    : (timedOut ? "deadline_credit" : "credit_short");
            default -> null;
        };
        Duration duration = to == OrderStatus.CONFIRMED || to == OrderStatus.REJECTED
                ? Duration.between(createdAt, now) : null;
        return leg == null && result == null ? Optional.empty()
                : Optional.of(new SagaMilestone(leg, legResult, legDuration, result, reason, duration));
    }
}

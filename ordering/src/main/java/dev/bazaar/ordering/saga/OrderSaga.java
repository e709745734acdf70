package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.OrderStatus;

/**
 * The order saga's decisions, and nothing else: given an order and what happened (a reply, a passed deadline, a
 * cancel request), what the order becomes, what is logged and what is sent. Pure Java, so every path is tested
 * without a database or a broker; {@link SagaDecisionWriter} stores and sends a decision in one transaction.
 * <p>
 * Rules: a reply that changes nothing (a duplicate, a late answer to a finished step) is logged as "ignored" and has
 * no effect, except that a late reservation for a rejected order is released, so nothing stays held. A reply that
 * contradicts the order's state (a credit reply before stock was reserved, a release nobody asked for) throws
 * {@link IllegalOrderTransitionException}; the message handler dead-letters it with that reason. The whole table of
 * which input is valid in which state is in this package's documentation.
 */
public final class OrderSaga {

    public static final String STOCK_TIMEOUT = "catalog did not answer in time (stock reservation)";
    public static final String CREDIT_TIMEOUT = "user service did not answer in time (credit reservation)";
    public static final String CANCELLED = "order cancelled";
    static final String LATE_STOCK = "late stock reservation for a rejected order";
    static final String LATE_CREDIT = "late credit hold for a rejected order";

    private final SagaDeadlines deadlines;

    public OrderSaga(SagaDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    /** A newly placed order asks catalog for its stock. {@code origin} says where the order came from. */
    public SagaDecision start(Order placed, String origin, UUID messageId, Instant now) {
        if (placed.status() != OrderStatus.PENDING || placed.deadline() != null) {
            throw new IllegalOrderTransitionException("order " + placed.id() + " was started already");
        }
        Order waiting = placed.awaitingUntil(now.plus(deadlines.stock()));
        DecisionBuilder decision = DecisionBuilder.creating(waiting, now)
                .step("order placed", messageId, origin + ": " + waiting.lines().size() + " line(s), PENDING until "
                        + waiting.deadline());
        SagaMessages.reserveStock(decision, waiting);
        return decision.build();
    }

    public SagaDecision onStockReserved(Order order, StockReserved reply, UUID messageId, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        switch (order.status()) {
            case PENDING -> {
                List<OrderLine> priced = ReservedPrices.price(order, reply);
                Order reserved = order.stockReserved(priced, reply.total(), now.plus(deadlines.credit()));
                decision.received(Contracts.STOCK_RESERVED, messageId,
                                reply.lines().size() + " line(s), total " + reply.total())
                        .transition(reserved, "credit deadline " + reserved.deadline());
                SagaMessages.reserveCredit(decision, reserved);
            }
            case REJECTED -> {
                decision.step("late " + Contracts.STOCK_RESERVED.type(), messageId,
                        "order is REJECTED (" + order.rejectionReason() + "): releasing the stock again");
                SagaMessages.releaseStock(decision, order, LATE_STOCK);
            }
            default -> decision.ignored(Contracts.STOCK_RESERVED, messageId, alreadyPast(order, "stock reservation"));
        }
        return decision.build();
    }

    public SagaDecision onStockRejected(Order order, StockRejected reply, UUID messageId, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        switch (order.status()) {
            case PENDING -> {
                Order rejected = order.rejected(reasonOr(reply.reason(), "catalog rejected the stock reservation"));
                decision.received(Contracts.STOCK_REJECTED, messageId, rejected.rejectionReason())
                        .transition(rejected, rejected.rejectionReason());
                SagaMessages.announceRejection(decision, rejected);
            }
            case REJECTED, CANCELLING, CANCELLED ->
                    decision.ignored(Contracts.STOCK_REJECTED, messageId, "order is " + order.status()
                            + ": nothing is held for it");
            default -> throw contradiction(order, "stock.rejected", "its stock was reserved already");
        }
        return decision.build();
    }

    public SagaDecision onCreditReserved(Order order, CreditReserved reply, UUID messageId, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        switch (order.status()) {
            case STOCK_RESERVED -> {
                requireCustomer(order, reply.customerId(), "credit.reserved");
                if (reply.amount() == null || reply.amount().compareTo(order.total()) != 0) {
                    throw new IllegalOrderTransitionException("credit.reserved for order " + order.id() + " holds "
                            + reply.amount() + ", the order total is " + order.total());
                }
                Order confirmed = order.confirmed();
                decision.received(Contracts.CREDIT_RESERVED, messageId, "amount " + reply.amount())
                        .transition(confirmed, "total " + confirmed.total());
                SagaMessages.confirm(decision, confirmed);
            }
            case REJECTED -> {
                decision.step("late " + Contracts.CREDIT_RESERVED.type(), messageId,
                        "order is REJECTED (" + order.rejectionReason() + "): releasing the credit again");
                SagaMessages.releaseCredit(decision, order, LATE_CREDIT);
            }
            case CONFIRMED, CANCELLING, CANCELLED ->
                    decision.ignored(Contracts.CREDIT_RESERVED, messageId, alreadyPast(order, "credit reservation"));
            default -> throw contradiction(order, "credit.reserved", "credit was not asked for yet");
        }
        return decision.build();
    }

    public SagaDecision onCreditRejected(Order order, CreditRejected reply, UUID messageId, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        switch (order.status()) {
            case STOCK_RESERVED -> {
                requireCustomer(order, reply.customerId(), "credit.rejected");
                Order rejected = order.rejected(reasonOr(reply.reason(), "user service rejected the credit"));
                decision.received(Contracts.CREDIT_REJECTED, messageId, rejected.rejectionReason())
                        .transition(rejected, rejected.rejectionReason());
                SagaMessages.releaseStock(decision, rejected, "order rejected: " + rejected.rejectionReason());
                SagaMessages.announceRejection(decision, rejected);
            }
            case REJECTED, CANCELLING, CANCELLED ->
                    decision.ignored(Contracts.CREDIT_REJECTED, messageId, "order is " + order.status()
                            + ": no credit is held for it");
            case PENDING -> throw contradiction(order, "credit.rejected", "credit was not asked for yet");
            default -> throw contradiction(order, "credit.rejected", "its credit was reserved already");
        }
        return decision.build();
    }

    public SagaDecision onStockReleased(Order order, StockReleased reply, UUID messageId, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        String returned = reply.returnedLines().size() + " line(s) returned";
        switch (order.status()) {
            case CANCELLING -> {
                if (order.stockReleased()) {
                    decision.ignored(Contracts.STOCK_RELEASED, messageId, "stock release was confirmed already");
                } else {
                    decision.received(Contracts.STOCK_RELEASED, messageId, returned).update(order.stockReturned());
                    completeCancellation(decision);
                }
            }
            case REJECTED, CANCELLED -> decision.ignored(Contracts.STOCK_RELEASED, messageId,
                    "order is " + order.status() + ": release confirmed, " + returned);
            default -> throw contradiction(order, "stock.released", "no stock release was asked for");
        }
        return decision.build();
    }

    public SagaDecision onCreditReleased(Order order, CreditReleased reply, UUID messageId, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        String returned = "amount " + reply.amount() + " returned";
        switch (order.status()) {
            case CANCELLING -> {
                if (order.creditReleased()) {
                    decision.ignored(Contracts.CREDIT_RELEASED, messageId, "credit release was confirmed already");
                } else {
                    requireCustomer(order, reply.customerId(), "credit.released");
                    decision.received(Contracts.CREDIT_RELEASED, messageId, returned).update(order.creditReturned());
                    completeCancellation(decision);
                }
            }
            case REJECTED, CANCELLED -> decision.ignored(Contracts.CREDIT_RELEASED, messageId,
                    "order is " + order.status() + ": release confirmed, " + returned);
            default -> throw contradiction(order, "credit.released", "no credit release was asked for");
        }
        return decision.build();
    }

    /**
     * The awaited reply did not come: a reservation is rejected and compensated (a reservation whose reply was lost
     * may exist, and releasing an unknown one is a no-op); a cancellation never gives up and asks again.
     */
    public SagaDecision onDeadline(Order order, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        if (order.deadline() == null || now.isBefore(order.deadline()) || !order.status().awaitsReply()) {
            return decision.build();
        }
        decision.step("deadline passed", null, order.status() + " since " + order.deadline());
        switch (order.status()) {
            case PENDING -> {
                Order rejected = order.rejected(STOCK_TIMEOUT);
                decision.transition(rejected, STOCK_TIMEOUT);
                SagaMessages.releaseStock(decision, rejected, "order rejected: " + STOCK_TIMEOUT);
                SagaMessages.announceRejection(decision, rejected);
            }
            case STOCK_RESERVED -> {
                Order rejected = order.rejected(CREDIT_TIMEOUT);
                decision.transition(rejected, CREDIT_TIMEOUT);
                SagaMessages.releaseCredit(decision, rejected, "order rejected: " + CREDIT_TIMEOUT);
                SagaMessages.releaseStock(decision, rejected, "order rejected: " + CREDIT_TIMEOUT);
                SagaMessages.announceRejection(decision, rejected);
            }
            default -> {
                Order retrying = order.awaitingUntil(now.plus(deadlines.cancelRetry()));
                decision.step("cancellation retry", null, "asking again for the missing release(s) until "
                        + retrying.deadline()).update(retrying);
                if (!order.stockReleased()) {
                    SagaMessages.releaseStock(decision, retrying, CANCELLED);
                }
                if (!order.creditReleased()) {
                    SagaMessages.releaseCredit(decision, retrying, CANCELLED);
                }
            }
        }
        return decision.build();
    }

    /**
     * Cancelling a confirmed order asks both participants to give back what they hold (stock returns to the shelf,
     * the captured credit is refunded). Repeating a cancel changes nothing.
     */
    public SagaDecision cancel(Order order, String requestedBy, Instant now) {
        DecisionBuilder decision = new DecisionBuilder(order, now);
        switch (order.status()) {
            case CONFIRMED -> {
                Order cancelling = order.cancelling(now.plus(deadlines.cancelRetry()));
                decision.step("cancel requested", null, "by " + requestedBy)
                        .transition(cancelling, "waiting for stock.released and credit.released until "
                                + cancelling.deadline());
                SagaMessages.releaseStock(decision, cancelling, CANCELLED);
                SagaMessages.releaseCredit(decision, cancelling, CANCELLED);
            }
            case CANCELLING, CANCELLED -> {
                // a repeated cancel: the first one is under way or done
            }
            default -> throw new IllegalOrderTransitionException(
                    "only a confirmed order can be cancelled; this one is " + order.status());
        }
        return decision.build();
    }

    private static void completeCancellation(DecisionBuilder decision) {
        Order order = decision.current();
        if (order.stockReleased() && order.creditReleased()) {
            Order cancelled = order.cancelled();
            decision.transition(cancelled, "stock returned and credit refunded");
            SagaMessages.announceCancellation(decision, cancelled, CANCELLED);
        }
    }

    private static String alreadyPast(Order order, String step) {
        return "order is " + order.status() + ": the " + step + " was settled already";
    }

    private static String reasonOr(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }

    private static void requireCustomer(Order order, UUID customerId, String reply) {
        if (!order.customerId().equals(customerId)) {
            throw new IllegalOrderTransitionException(reply + " for order " + order.id() + " names customer "
                    + customerId + ", the order belongs to " + order.customerId());
        }
    }

    private static IllegalOrderTransitionException contradiction(Order order, String reply, String why) {
        return new IllegalOrderTransitionException(reply + " cannot apply to order " + order.id() + " in "
                + order.status() + ": " + why);
    }
}

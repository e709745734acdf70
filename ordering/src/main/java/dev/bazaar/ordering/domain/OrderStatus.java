package dev.bazaar.ordering.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands in its saga. The happy path is PENDING, STOCK_RESERVED, CONFIRMED; a rejection or a missed
 * deadline ends in REJECTED; a confirmed order can be cancelled through CANCELLING to CANCELLED.
 */
public enum OrderStatus {
    PENDING,
    STOCK_RESERVED,
    CONFIRMED,
    REJECTED,
    CANCELLING,
    CANCELLED;

    /** States that wait for a participant's reply and therefore carry a deadline the sweeper watches. */
    public static final Set<OrderStatus> AWAITING_REPLY = Set.copyOf(EnumSet.of(PENDING, STOCK_RESERVED, CANCELLING));

    public boolean awaitsReply() {
        return AWAITING_REPLY.contains(this);
    }

    /** The edges of the state machine; anything else is an illegal transition. */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING -> next == STOCK_RESERVED || next == REJECTED;
            case STOCK_RESERVED -> next == CONFIRMED || next == REJECTED;
            case CONFIRMED -> next == CANCELLING;
            case CANCELLING -> next == CANCELLED;
            case REJECTED, CANCELLED -> false;
        };
    }
}

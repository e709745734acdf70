package dev.bazaar.user.domain;

import java.util.UUID;

/** A hold was asked to move to a state it can never reach from where it is (e.g. capture after release). */
public class IllegalHoldTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public IllegalHoldTransitionException(UUID orderId, HoldStatus from, HoldStatus to) {
        super("credit hold of order " + orderId + " cannot go from " + from + " to " + to);
    }
}

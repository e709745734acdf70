package dev.bazaar.user.domain;

import java.util.Set;

/**
 * Life of the credit set aside for one order. {@code REJECTED} records a refused reserve, so that a repeated reserve
 * answers the same way instead of holding money for an order that was already turned down.
 */
public enum HoldStatus {
    HELD,
    CAPTURED,
    RELEASED,
    REFUNDED,
    REJECTED;

    /** The states this one may move to; anything else is a bug in the caller (or a message out of any sane order). */
    Set<HoldStatus> next() {
        return switch (this) {
            case HELD -> Set.of(CAPTURED, RELEASED);
            case CAPTURED -> Set.of(REFUNDED);
            case RELEASED, REFUNDED, REJECTED -> Set.of();
        };
    }

    /** Whether money of the hold is still out of the balance (held or charged). */
    public boolean isActive() {
        return this == HELD || this == CAPTURED;
    }
}

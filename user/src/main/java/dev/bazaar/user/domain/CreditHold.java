package dev.bazaar.user.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The credit set aside for one order (at most one per order: the order id is the key, which is what makes a repeated
 * reserve harmless). Money moves only through {@link CreditAccount}, which keeps the account's totals in step.
 */
public final class CreditHold {

    private final UUID orderId;
    private final UUID customerId;
    private final BigDecimal amount;
    private HoldStatus status;
    /** Why a reserve was refused or a hold never happened; null for holds that were granted. */
    private final String reason;
    /** The balance that was available when a reserve was refused; null otherwise. */
    private final BigDecimal available;
    private final Instant createdAt;
    private Instant updatedAt;

    private CreditHold(UUID orderId, UUID customerId, BigDecimal amount, HoldStatus status, String reason,
            BigDecimal available, Instant createdAt, Instant updatedAt) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = Money.of(amount);
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason;
        this.available = available == null ? null : Money.of(available);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        if (this.amount.signum() < 0 || this.amount.signum() == 0 && status != HoldStatus.RELEASED) {
            throw new IllegalArgumentException("credit hold of order " + orderId + " must have a positive amount");
        }
    }

    /** Rebuilds a hold from stored state. */
    public static CreditHold restore(UUID orderId, UUID customerId, BigDecimal amount, HoldStatus status,
            String reason, BigDecimal available, Instant createdAt, Instant updatedAt) {
        return new CreditHold(orderId, customerId, amount, status, reason, available, createdAt, updatedAt);
    }

    static CreditHold held(UUID orderId, UUID customerId, BigDecimal amount, Instant now) {
        return new CreditHold(orderId, customerId, amount, HoldStatus.HELD, null, null, now, now);
    }

    static CreditHold rejected(UUID orderId, UUID customerId, BigDecimal requested, BigDecimal available,
            String reason, Instant now) {
        return new CreditHold(orderId, customerId, requested, HoldStatus.REJECTED, reason, available, now, now);
    }

    /**
     * A release that overtook its reserve (e.g. the reserve was being retried while the saga timed out): remember
     * the order as released with nothing returned, so the late reserve cannot hold money nobody will ever release.
     */
    public static CreditHold releasedBeforeReserve(UUID orderId, UUID customerId, Instant now) {
        return new CreditHold(orderId, customerId, Money.ZERO, HoldStatus.RELEASED,
                "released before any credit was reserved", null, now, now);
    }

    /** Moves to {@code target}; false if already there (a repeat), throws if {@code target} cannot be reached. */
    boolean moveTo(HoldStatus target, Instant now) {
        if (status == target) {
            return false;
        }
        if (!status.next().contains(target)) {
            throw new IllegalHoldTransitionException(orderId, status, target);
        }
        status = target;
        updatedAt = now;
        return true;
    }

    public UUID orderId() {
        return orderId;
    }

    public UUID customerId() {
        return customerId;
    }

    public BigDecimal amount() {
        return amount;
    }

    public HoldStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public BigDecimal available() {
        return available;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}

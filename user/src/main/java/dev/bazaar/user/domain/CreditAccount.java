package dev.bazaar.user.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer's money. Every cent topped up is in exactly one place: spendable ({@code balance}), set aside for an
 * order that is not confirmed yet ({@code held}) or charged for a confirmed order ({@code captured}); so
 * {@code toppedUp = balance + held + captured} always, which the database checks too.
 */
public final class CreditAccount {

    private final UUID customerId;
    private BigDecimal balance;
    private BigDecimal held;
    private BigDecimal captured;
    private BigDecimal toppedUp;

    private CreditAccount(UUID customerId, BigDecimal balance, BigDecimal held, BigDecimal captured,
            BigDecimal toppedUp) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.balance = Money.of(balance);
        this.held = Money.of(held);
        this.captured = Money.of(captured);
        this.toppedUp = Money.of(toppedUp);
        if (this.balance.signum() < 0 || this.held.signum() < 0 || this.captured.signum() < 0) {
            throw new IllegalArgumentException("credit of customer " + customerId + " must not be negative");
        }
        if (!isConserved()) {
            throw new IllegalArgumentException("credit of customer " + customerId + " is not conserved: topped up "
                    + toppedUp + " != balance " + balance + " + held " + held + " + captured " + captured);
        }
    }

    public static CreditAccount openFor(UUID customerId) {
        return new CreditAccount(customerId, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
    }

    /** Rebuilds an account from stored state; the constructor re-checks the invariants. */
    public static CreditAccount restore(UUID customerId, BigDecimal balance, BigDecimal held, BigDecimal captured,
            BigDecimal toppedUp) {
        return new CreditAccount(customerId, balance, held, captured, toppedUp);
    }

    public TopUp topUp(BigDecimal amount, Instant now) {
        BigDecimal money = Money.positive(amount);
        balance = balance.add(money);
        toppedUp = toppedUp.add(money);
        return TopUp.of(customerId, money, now);
    }

    /**
     * Sets {@code amount} aside for the order if the balance covers it. A refusal is an outcome, not an error: the
     * returned hold is then {@link HoldStatus#REJECTED} and carries the reason.
     */
    public CreditHold reserve(UUID orderId, BigDecimal amount, Instant now) {
        BigDecimal money = Money.positive(amount);
        if (balance.compareTo(money) < 0) {
            String reason = "insufficient credit: need " + money.toPlainString()
                    + ", available " + balance.toPlainString();
            return CreditHold.rejected(orderId, customerId, money, balance, reason, now);
        }
        balance = balance.subtract(money);
        held = held.add(money);
        return CreditHold.held(orderId, customerId, money, now);
    }

    /** Turns a hold into a charge; repeating it is a no-op, capturing a released or refused hold throws. */
    public void capture(CreditHold hold, Instant now) {
        requireOwn(hold);
        if (hold.moveTo(HoldStatus.CAPTURED, now)) {
            held = held.subtract(hold.amount());
            captured = captured.add(hold.amount());
        }
    }

    /**
     * Gives the order's money back to the balance: a hold is released, a charge refunded. Anything else (already
     * released, refused, never held) is a successful no-op.
     *
     * @return the amount that went back to the balance, zero if none
     */
    public BigDecimal release(CreditHold hold, Instant now) {
        requireOwn(hold);
        switch (hold.status()) {
            case HELD -> {
                hold.moveTo(HoldStatus.RELEASED, now);
                held = held.subtract(hold.amount());
            }
            case CAPTURED -> {
                hold.moveTo(HoldStatus.REFUNDED, now);
                captured = captured.subtract(hold.amount());
            }
            default -> {
                return Money.ZERO;
            }
        }
        balance = balance.add(hold.amount());
        return hold.amount();
    }

    /** The conservation rule; false would mean money appeared or vanished. */
    public boolean isConserved() {
        return toppedUp.compareTo(balance.add(held).add(captured)) == 0;
    }

    private void requireOwn(CreditHold hold) {
        if (!customerId.equals(hold.customerId())) {
            throw new IllegalArgumentException("credit hold of order " + hold.orderId() + " belongs to customer "
                    + hold.customerId() + ", not " + customerId);
        }
    }

    public UUID customerId() {
        return customerId;
    }

    public BigDecimal balance() {
        return balance;
    }

    public BigDecimal held() {
        return held;
    }

    public BigDecimal captured() {
        return captured;
    }

    public BigDecimal toppedUp() {
        return toppedUp;
    }
}

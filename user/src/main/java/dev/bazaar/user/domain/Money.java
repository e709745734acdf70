package dev.bazaar.user.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is held in cents precision everywhere, so amounts are compared and stored with exactly two decimals. */
public final class Money {

    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** The amount with two decimals; refuses amounts that would have to be rounded (no cent is ever invented). */
    public static BigDecimal of(BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        try {
            return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than two decimals", e);
        }
    }

    /** {@link #of(BigDecimal)} for an amount that must be greater than zero. */
    public static BigDecimal positive(BigDecimal amount) {
        BigDecimal money = of(amount);
        if (money.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + money.toPlainString());
        }
        return money;
    }
}

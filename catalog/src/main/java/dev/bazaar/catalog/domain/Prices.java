package dev.bazaar.catalog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices are positive amounts with at most two decimals, always carried with scale 2. */
public final class Prices {

    public static final int SCALE = 2;

    private Prices() {
    }

    public static BigDecimal require(BigDecimal price) {
        if (price == null) {
            throw new IllegalArgumentException("price is required");
        }
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + price.toPlainString());
        }
        return amount(price);
    }

    /** An amount with scale 2; refuses to round away cents (that would silently change money). */
    public static BigDecimal amount(BigDecimal value) {
        try {
            return value.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount has more than " + SCALE + " decimals: " + value.toPlainString(), e);
        }
    }
}

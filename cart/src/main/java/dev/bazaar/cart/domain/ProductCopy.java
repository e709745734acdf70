package dev.bazaar.cart.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/** Cart's copy of a catalog product, as of the newest product event applied; the price has scale 2. */
public record ProductCopy(UUID productId, String sku, String name, BigDecimal price) {

    /**
     * A price as cart stores it: positive, scale 2. More decimals are refused rather than rounded, which would
     * silently show a price catalog never set.
     */
    public static BigDecimal price(BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + price);
        }
        try {
            return price.setScale(PricedCart.SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("price has more than " + PricedCart.SCALE + " decimals: "
                    + price.toPlainString(), e);
        }
    }
}

package dev.bazaar.cart.testsupport;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of product_copy as stored. */
public record ProductCopyRow(String sku, String name, BigDecimal price, Instant priceAsOf) {
}

package dev.bazaar.catalog.application;

import java.math.BigDecimal;

/** Command to add a product with its initial stock on hand. */
public record CreateProduct(String sku, String name, BigDecimal price, int initialStock) {
}

package dev.bazaar.events.cart;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One line of a checked-out cart, priced as the cart showed it (catalog's price at reservation is authoritative).
 */
public record CartLine(UUID productId, String sku, int quantity, BigDecimal unitPrice) {
}

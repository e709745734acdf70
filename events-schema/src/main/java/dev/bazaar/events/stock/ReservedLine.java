package dev.bazaar.events.stock;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One reserved line of {@link StockReserved}.
 */
public record ReservedLine(UUID productId, String sku, int quantity, BigDecimal unitPrice) {
}

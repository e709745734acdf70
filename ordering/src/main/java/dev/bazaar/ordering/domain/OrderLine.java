package dev.bazaar.ordering.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One product of an order. {@code sku} and {@code unitPrice} are unknown until catalog reserved the stock: the price
 * a cart showed is only a hint, catalog's price at reservation is the one the customer pays.
 */
public record OrderLine(UUID productId, String sku, int quantity, BigDecimal unitPrice) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of product " + productId + " must be at least 1, was "
                    + quantity);
        }
    }

    public static OrderLine requested(UUID productId, int quantity) {
        return new OrderLine(productId, null, quantity, null);
    }

    public OrderLine priced(String sku, BigDecimal unitPrice) {
        return new OrderLine(productId, Objects.requireNonNull(sku, "sku"),
                quantity, Objects.requireNonNull(unitPrice, "unitPrice"));
    }

    public boolean isPriced() {
        return unitPrice != null;
    }

    /**
     * One line per product, quantities added up, in order of first appearance. Catalog reserves per product, so this
     * is also the shape of its answer.
     */
    public static List<OrderLine> merge(List<OrderLine> lines) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            quantities.merge(line.productId(), line.quantity(), Math::addExact);
        }
        List<OrderLine> merged = new ArrayList<>();
        quantities.forEach((productId, quantity) -> merged.add(requested(productId, quantity)));
        return merged;
    }
}

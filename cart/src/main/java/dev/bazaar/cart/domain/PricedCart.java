package dev.bazaar.cart.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A cart with every line priced at the current local product price, as the customer sees it and checks it out. */
public record PricedCart(UUID cartId, CartStatus status, UUID orderId, String lastRejection, List<PricedLine> lines,
        BigDecimal total, int itemCount) {

    /** Money in a cart is always shown with two decimals. */
    public static final int SCALE = 2;

    private static final Comparator<PricedLine> BY_NAME = Comparator
            .comparing((PricedLine line) -> line.name().toLowerCase(java.util.Locale.ROOT))
            .thenComparing(PricedLine::sku)
            .thenComparing(PricedLine::productId);

    /**
     * @param products the copies of (at least) every product in the cart
     * @throws IllegalStateException if a line's product is missing (cart lines reference known products only)
     */
    public static PricedCart of(Cart cart, Map<UUID, ProductCopy> products) {
        List<PricedLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(SCALE);
        int itemCount = 0;
        for (Map.Entry<UUID, Integer> line : cart.lines().entrySet()) {
            ProductCopy product = products.get(line.getKey());
            if (product == null) {
                throw new IllegalStateException("cart " + cart.id() + " holds unknown product " + line.getKey());
            }
            int quantity = line.getValue();
            BigDecimal unitPrice = product.price().setScale(SCALE, RoundingMode.UNNECESSARY);
            BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity));
            lines.add(new PricedLine(product.productId(), product.sku(), product.name(), unitPrice, quantity,
                    lineTotal));
            total = total.add(lineTotal);
            itemCount += quantity;
        }
        lines.sort(BY_NAME);
        return new PricedCart(cart.id(), cart.status(), cart.orderId(), cart.lastRejection(), List.copyOf(lines),
                total, itemCount);
    }
}

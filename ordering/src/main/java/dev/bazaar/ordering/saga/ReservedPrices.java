package dev.bazaar.ordering.saga;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;

/**
 * Takes catalog's prices into the order's lines. A reservation that does not cover exactly the order's lines, or
 * whose total is not the sum of its lines, cannot be the answer to our stock.reserve: it is refused, and the order's
 * deadline then releases whatever catalog holds.
 */
final class ReservedPrices {

    private ReservedPrices() {
    }

    static List<OrderLine> price(Order order, StockReserved reply) {
        Map<UUID, ReservedLine> byProduct = new HashMap<>();
        for (ReservedLine line : reply.lines()) {
            if (byProduct.put(line.productId(), line) != null) {
                throw mismatch(order, "product " + line.productId() + " appears twice");
            }
        }
        if (byProduct.size() != order.lines().size()) {
            throw mismatch(order, reply.lines().size() + " line(s) reserved, the order has " + order.lines().size());
        }
        List<OrderLine> priced = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine line : order.lines()) {
            ReservedLine reserved = byProduct.get(line.productId());
            if (reserved == null || reserved.quantity() != line.quantity()) {
                throw mismatch(order, "product " + line.productId() + " wanted " + line.quantity() + ", reserved "
                        + (reserved == null ? 0 : reserved.quantity()));
            }
            if (reserved.unitPrice() == null || reserved.unitPrice().signum() <= 0 || reserved.sku() == null) {
                throw mismatch(order, "product " + line.productId() + " has no sku or no positive unit price");
            }
            priced.add(line.priced(reserved.sku(), reserved.unitPrice()));
            sum = sum.add(reserved.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        if (reply.total() == null || sum.compareTo(reply.total()) != 0) {
            throw mismatch(order, "total " + reply.total() + " is not the sum of the lines, " + sum);
        }
        return priced;
    }

    private static IllegalOrderTransitionException mismatch(Order order, String why) {
        return new IllegalOrderTransitionException("stock.reserved does not match order " + order.id() + ": " + why);
    }
}

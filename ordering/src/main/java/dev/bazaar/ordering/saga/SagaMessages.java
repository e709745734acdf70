package dev.bazaar.ordering.saga;

import java.util.List;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.credit.CaptureCredit;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.events.order.OrderCancelled;
import dev.bazaar.events.order.OrderConfirmed;
import dev.bazaar.events.order.OrderRejected;
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReleaseStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.ordering.domain.Order;

/** The commands and events of the saga, built from an order; each adds itself to a decision. */
final class SagaMessages {

    private SagaMessages() {
    }

    static void reserveStock(DecisionBuilder decision, Order order) {
        List<StockLine> lines = order.lines().stream()
                .map(line -> new StockLine(line.productId(), line.quantity()))
                .toList();
        decision.send(Contracts.RESERVE_STOCK, new ReserveStock(order.id(), lines), lines.size() + " line(s)");
    }

    static void reserveCredit(DecisionBuilder decision, Order order) {
        decision.send(Contracts.RESERVE_CREDIT, new ReserveCredit(order.id(), order.customerId(), order.total()),
                "amount " + order.total());
    }

    static void releaseStock(DecisionBuilder decision, Order order, String reason) {
        decision.send(Contracts.RELEASE_STOCK, new ReleaseStock(order.id(), reason), reason);
    }

    static void releaseCredit(DecisionBuilder decision, Order order, String reason) {
        decision.send(Contracts.RELEASE_CREDIT, new ReleaseCredit(order.id(), order.customerId(), reason), reason);
    }

    static void confirm(DecisionBuilder decision, Order order) {
        decision.send(Contracts.COMMIT_STOCK, new CommitStock(order.id()), null);
        decision.send(Contracts.CAPTURE_CREDIT, new CaptureCredit(order.id(), order.customerId()),
                "amount " + order.total());
        decision.send(Contracts.ORDER_CONFIRMED, new OrderConfirmed(order.id(), order.customerId(), order.total()),
                "total " + order.total());
    }

    static void announceRejection(DecisionBuilder decision, Order order) {
        decision.send(Contracts.ORDER_REJECTED,
                new OrderRejected(order.id(), order.customerId(), order.rejectionReason()), order.rejectionReason());
    }

    static void announceCancellation(DecisionBuilder decision, Order order, String reason) {
        decision.send(Contracts.ORDER_CANCELLED, new OrderCancelled(order.id(), order.customerId(), reason), reason);
    }
}

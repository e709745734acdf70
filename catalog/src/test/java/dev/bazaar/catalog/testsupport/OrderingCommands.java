package dev.bazaar.catalog.testsupport;

import java.util.List;
import java.util.UUID;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReleaseStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.infra.testing.TestBroker;

/** Stock commands as the ordering service sends them: on ordering.events, correlated by order id. */
public final class OrderingCommands {

    public static final String EXCHANGE = "ordering.events";

    private OrderingCommands() {
    }

    public static Envelope reserve(UUID orderId, StockLine... lines) {
        return TestBroker.envelope(Contracts.RESERVE_STOCK, new ReserveStock(orderId, List.of(lines)), "ordering",
                orderId.toString(), orderId.toString());
    }

    public static Envelope release(UUID orderId) {
        return TestBroker.envelope(Contracts.RELEASE_STOCK, new ReleaseStock(orderId, "test compensation"),
                "ordering", orderId.toString(), orderId.toString());
    }

    public static Envelope commit(UUID orderId) {
        return TestBroker.envelope(Contracts.COMMIT_STOCK, new CommitStock(orderId), "ordering", orderId.toString(),
                orderId.toString());
    }

    public static StockLine line(UUID productId, int quantity) {
        return new StockLine(productId, quantity);
    }
}

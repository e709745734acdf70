package dev.bazaar.events;

import dev.bazaar.events.cart.CartCheckedOut;
import dev.bazaar.events.cart.CartLine;
import dev.bazaar.events.credit.CaptureCredit;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.events.order.OrderCancelled;
import dev.bazaar.events.order.OrderConfirmed;
import dev.bazaar.events.order.OrderRejected;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.events.product.ProductPriceChanged;
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReleaseStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.ShortLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.events.user.UserRegistered;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Map.entry;

/** One representative payload per contract; the golden samples carry exactly these values. */
final class Fixtures {

    static final UUID ORDER = UUID.fromString("3f2b6c1e-8a4d-4e7b-9c21-5d6f7a8b9c01");
    static final UUID CUSTOMER = UUID.fromString("9b1e2d3c-4f5a-4b6c-8d7e-0f1a2b3c4d5e");
    static final UUID MUG = UUID.fromString("0c5e7a9b-1d3f-4a5b-8c7d-9e0f1a2b3c4d");
    static final UUID TEE = UUID.fromString("7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a");
    static final UUID CART = UUID.fromString("4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b");
    static final UUID UNKNOWN_PRODUCT = UUID.fromString("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");

    private static final List<StockLine> ORDER_LINES = List.of(new StockLine(MUG, 2), new StockLine(TEE, 1));
    private static final BigDecimal ORDER_TOTAL = new BigDecimal("49.90");

    private static final Map<MessageType<?>, Object> PAYLOADS = Map.ofEntries(
            entry(Contracts.RESERVE_STOCK, new ReserveStock(ORDER, ORDER_LINES)),
            entry(Contracts.STOCK_RESERVED, new StockReserved(ORDER, List.of(
                    new ReservedLine(MUG, "MUG-ENAMEL-350", 2, new BigDecimal("12.50")),
                    new ReservedLine(TEE, "TEE-ORGANIC-M", 1, new BigDecimal("24.90"))), ORDER_TOTAL)),
            entry(Contracts.STOCK_REJECTED, new StockRejected(ORDER, "insufficient stock", List.of(
                    new ShortLine(TEE, "TEE-ORGANIC-M", 1, 0),
                    new ShortLine(UNKNOWN_PRODUCT, null, 1, 0)))),
            entry(Contracts.RELEASE_STOCK, new ReleaseStock(ORDER, "credit rejected: insufficient balance")),
            entry(Contracts.STOCK_RELEASED, new StockReleased(ORDER, ORDER_LINES)),
            entry(Contracts.COMMIT_STOCK, new CommitStock(ORDER)),
            entry(Contracts.RESERVE_CREDIT, new ReserveCredit(ORDER, CUSTOMER, ORDER_TOTAL)),
            entry(Contracts.CREDIT_RESERVED, new CreditReserved(ORDER, CUSTOMER, ORDER_TOTAL)),
            entry(Contracts.CREDIT_REJECTED, new CreditRejected(ORDER, CUSTOMER, "insufficient balance",
                    ORDER_TOTAL, new BigDecimal("20.00"))),
            entry(Contracts.RELEASE_CREDIT, new ReleaseCredit(ORDER, CUSTOMER, "order cancelled by customer")),
            entry(Contracts.CREDIT_RELEASED, new CreditReleased(ORDER, CUSTOMER, ORDER_TOTAL)),
            entry(Contracts.CAPTURE_CREDIT, new CaptureCredit(ORDER, CUSTOMER)),
            entry(Contracts.PRODUCT_CREATED, new ProductCreated(MUG, "MUG-ENAMEL-350", "Enamel camping mug 350 ml",
                    new BigDecimal("12.50"))),
            entry(Contracts.PRODUCT_PRICE_CHANGED, new ProductPriceChanged(MUG, "MUG-ENAMEL-350",
                    new BigDecimal("12.50"), new BigDecimal("13.90"))),
            entry(Contracts.USER_REGISTERED, new UserRegistered(CUSTOMER, "ada@example.com", "Ada Lovelace")),
            entry(Contracts.CART_CHECKED_OUT, new CartCheckedOut(ORDER, CART, CUSTOMER, List.of(
                    new CartLine(MUG, "MUG-ENAMEL-350", 2, new BigDecimal("12.50")),
                    new CartLine(TEE, "TEE-ORGANIC-M", 1, new BigDecimal("24.90"))))),
            entry(Contracts.ORDER_CONFIRMED, new OrderConfirmed(ORDER, CUSTOMER, ORDER_TOTAL)),
            entry(Contracts.ORDER_REJECTED, new OrderRejected(ORDER, CUSTOMER,
                    "out of stock: TEE-ORGANIC-M (wanted 1, have 0)")),
            entry(Contracts.ORDER_CANCELLED, new OrderCancelled(ORDER, CUSTOMER, "cancelled by the customer")));

    private Fixtures() {
    }

    /** The representative payload of {@code type}, typed so it can be passed back to the codec. */
    static <P> P payload(MessageType<P> type) {
        Object payload = PAYLOADS.get(type);
        if (payload == null) {
            throw new IllegalArgumentException("no fixture for " + type.schemaId());
        }
        return type.payloadClass().cast(payload);
    }
}

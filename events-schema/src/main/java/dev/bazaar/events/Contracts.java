package dev.bazaar.events;

import dev.bazaar.events.cart.CartCheckedOut;
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
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.events.user.UserRegistered;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every message contract Bazaar publishes. A new version of a message is a new constant next to the old one
 * (both stay here while any producer or consumer still uses the old one).
 */
public final class Contracts {

    public static final MessageType<ReserveStock> RESERVE_STOCK =
            new MessageType<>("stock.reserve", 1, ReserveStock.class);
    public static final MessageType<StockReserved> STOCK_RESERVED =
            new MessageType<>("stock.reserved", 1, StockReserved.class);
    public static final MessageType<StockRejected> STOCK_REJECTED =
            new MessageType<>("stock.rejected", 1, StockRejected.class);
    public static final MessageType<ReleaseStock> RELEASE_STOCK =
            new MessageType<>("stock.release", 1, ReleaseStock.class);
    public static final MessageType<StockReleased> STOCK_RELEASED =
            new MessageType<>("stock.released", 1, StockReleased.class);
    public static final MessageType<CommitStock> COMMIT_STOCK =
            new MessageType<>("stock.commit", 1, CommitStock.class);

    public static final MessageType<ReserveCredit> RESERVE_CREDIT =
            new MessageType<>("credit.reserve", 1, ReserveCredit.class);
    public static final MessageType<CreditReserved> CREDIT_RESERVED =
            new MessageType<>("credit.reserved", 1, CreditReserved.class);
    public static final MessageType<CreditRejected> CREDIT_REJECTED =
            new MessageType<>("credit.rejected", 1, CreditRejected.class);
    public static final MessageType<ReleaseCredit> RELEASE_CREDIT =
            new MessageType<>("credit.release", 1, ReleaseCredit.class);
    public static final MessageType<CreditReleased> CREDIT_RELEASED =
            new MessageType<>("credit.released", 1, CreditReleased.class);
    public static final MessageType<CaptureCredit> CAPTURE_CREDIT =
            new MessageType<>("credit.capture", 1, CaptureCredit.class);

    public static final MessageType<ProductCreated> PRODUCT_CREATED =
            new MessageType<>("product.created", 1, ProductCreated.class);
    public static final MessageType<ProductPriceChanged> PRODUCT_PRICE_CHANGED =
            new MessageType<>("product.price-changed", 1, ProductPriceChanged.class);

    public static final MessageType<UserRegistered> USER_REGISTERED =
            new MessageType<>("user.registered", 1, UserRegistered.class);

    public static final MessageType<CartCheckedOut> CART_CHECKED_OUT =
            new MessageType<>("cart.checked-out", 1, CartCheckedOut.class);

    public static final MessageType<OrderConfirmed> ORDER_CONFIRMED =
            new MessageType<>("order.confirmed", 1, OrderConfirmed.class);
    public static final MessageType<OrderRejected> ORDER_REJECTED =
            new MessageType<>("order.rejected", 1, OrderRejected.class);
    public static final MessageType<OrderCancelled> ORDER_CANCELLED =
            new MessageType<>("order.cancelled", 1, OrderCancelled.class);

    private static final List<MessageType<?>> ALL = List.of(
            RESERVE_STOCK, STOCK_RESERVED, STOCK_REJECTED, RELEASE_STOCK, STOCK_RELEASED, COMMIT_STOCK,
            RESERVE_CREDIT, CREDIT_RESERVED, CREDIT_REJECTED, RELEASE_CREDIT, CREDIT_RELEASED, CAPTURE_CREDIT,
            PRODUCT_CREATED, PRODUCT_PRICE_CHANGED,
            USER_REGISTERED,
            CART_CHECKED_OUT,
            ORDER_CONFIRMED, ORDER_REJECTED, ORDER_CANCELLED);

    private static final Map<String, MessageType<?>> BY_SCHEMA_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(MessageType::schemaId, Function.identity()));

    private Contracts() {
    }

    public static Optional<MessageType<?>> find(String type, int version) {
        return Optional.ofNullable(BY_SCHEMA_ID.get(type + ".v" + version));
    }

    /**
     * The service that publishes {@code contract}, on its exchange {@code <service>.events}: the saga's commands and
     * the order outcomes come from ordering, every other message from the service its type is named after.
     */
    public static String producer(MessageType<?> contract) {
        String type = contract.type();
        if (type.startsWith("order.") || type.equals("stock.reserve") || type.equals("stock.release")
                || type.equals("stock.commit") || type.equals("credit.reserve") || type.equals("credit.release")
                || type.equals("credit.capture")) {
            return "ordering";
        }
        if (type.startsWith("stock.") || type.startsWith("product.")) {
            return "catalog";
        }
        if (type.startsWith("credit.") || type.startsWith("user.")) {
            return "user";
        }
        if (type.startsWith("cart.")) {
            return "cart";
        }
        throw new IllegalArgumentException("No producer known for " + contract.schemaId());
    }

    /** All contracts, in declaration order. */
    public static List<MessageType<?>> all() {
        return ALL;
    }

    /** Whether any version of {@code type} exists, to tell "unknown type" from "unknown version" apart. */
    static boolean knowsType(String type) {
        return ALL.stream().anyMatch(contract -> contract.type().equals(type));
    }
}

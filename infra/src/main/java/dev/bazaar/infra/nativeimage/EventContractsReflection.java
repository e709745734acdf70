package dev.bazaar.infra.nativeimage;

import dev.bazaar.events.Envelope;
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
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable needs to (de)serialize the message contracts: Jackson reads and writes these records
 * reflectively outside REST (in the outbox, the inbox and the codec), where Quarkus cannot see them, so their
 * constructors and accessors are registered here. The JSON Schemas they are validated against are included as
 * resources by {@code quarkus.native.resources.includes=schemas/**}. EventContractsReflectionTest fails when a new
 * contract is missing from this list.
 */
@RegisterForReflection(targets = {
        Envelope.class,
        CartCheckedOut.class,
        CartLine.class,
        CaptureCredit.class,
        CreditRejected.class,
        CreditReleased.class,
        CreditReserved.class,
        ReleaseCredit.class,
        ReserveCredit.class,
        OrderCancelled.class,
        OrderConfirmed.class,
        OrderRejected.class,
        ProductCreated.class,
        ProductPriceChanged.class,
        CommitStock.class,
        ReleaseStock.class,
        ReserveStock.class,
        ReservedLine.class,
        ShortLine.class,
        StockLine.class,
        StockRejected.class,
        StockReleased.class,
        StockReserved.class,
        UserRegistered.class
})
public final class EventContractsReflection {

    private EventContractsReflection() {
    }
}

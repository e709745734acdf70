package dev.bazaar.ordering.testsupport;

import static dev.bazaar.ordering.testsupport.SagaScript.CUP;
import static dev.bazaar.ordering.testsupport.SagaScript.CUSTOMER;
import static dev.bazaar.ordering.testsupport.SagaScript.KETTLE;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.ShortLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;

/** Replies as catalog and user send them for the script's order (2 cups at 12.50, 1 kettle at 95.00: 120.00). */
public final class SagaInputs {

    public static final String OUT_OF_STOCK = "out of stock: SKU-KETTLE (wanted 1, have 0)";
    public static final String NO_CREDIT = "insufficient credit: need 120.00, available 80.00";

    private SagaInputs() {
    }

    public static SagaInput stockReserved() {
        return stockReserved(List.of(new ReservedLine(CUP, "SKU-CUP", 2, new BigDecimal("12.50")),
                new ReservedLine(KETTLE, "SKU-KETTLE", 1, new BigDecimal("95.00"))), "120.00");
    }

    public static SagaInput stockReserved(List<ReservedLine> lines, String total) {
        return (saga, order, now) -> saga.onStockReserved(order,
                new StockReserved(order.id(), lines, new BigDecimal(total)), UUID.randomUUID(), now);
    }

    public static SagaInput stockRejected() {
        return (saga, order, now) -> saga.onStockRejected(order, new StockRejected(order.id(), OUT_OF_STOCK,
                List.of(new ShortLine(KETTLE, "SKU-KETTLE", 1, 0))), UUID.randomUUID(), now);
    }

    public static SagaInput stockReleased() {
        return (saga, order, now) -> saga.onStockReleased(order, new StockReleased(order.id(),
                List.of(new StockLine(CUP, 2), new StockLine(KETTLE, 1))), UUID.randomUUID(), now);
    }

    public static SagaInput creditReserved() {
        return creditReserved("120.00");
    }

    public static SagaInput creditReserved(String amount) {
        return (saga, order, now) -> saga.onCreditReserved(order,
                new CreditReserved(order.id(), CUSTOMER, new BigDecimal(amount)), UUID.randomUUID(), now);
    }

    public static SagaInput creditRejected() {
        return (saga, order, now) -> saga.onCreditRejected(order, new CreditRejected(order.id(), CUSTOMER, NO_CREDIT,
                new BigDecimal("120.00"), new BigDecimal("80.00")), UUID.randomUUID(), now);
    }

    public static SagaInput creditReleased() {
        return (saga, order, now) -> saga.onCreditReleased(order,
                new CreditReleased(order.id(), CUSTOMER, new BigDecimal("120.00")), UUID.randomUUID(), now);
    }

    public static SagaInput deadline() {
        return (saga, order, now) -> saga.onDeadline(order, now);
    }

    public static SagaInput cancel() {
        return (saga, order, now) -> saga.cancel(order, "customer " + CUSTOMER, now);
    }
}

package dev.bazaar.cart.testsupport;

import java.math.BigDecimal;
import java.util.UUID;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.order.OrderConfirmed;
import dev.bazaar.events.order.OrderRejected;
import dev.bazaar.infra.testing.TestBroker;

/** Order outcomes as ordering publishes them: on ordering.events, source "ordering", correlated by order id. */
public final class OrderingEvents {

    public static final String EXCHANGE = "ordering.events";

    private OrderingEvents() {
    }

    public static Envelope confirmed(UUID orderId, UUID customerId, String total) {
        return TestBroker.envelope(Contracts.ORDER_CONFIRMED,
                new OrderConfirmed(orderId, customerId, new BigDecimal(total)), "ordering", orderId.toString(),
                orderId.toString());
    }

    public static Envelope rejected(UUID orderId, UUID customerId, String reason) {
        return TestBroker.envelope(Contracts.ORDER_REJECTED, new OrderRejected(orderId, customerId, reason),
                "ordering", orderId.toString(), orderId.toString());
    }
}

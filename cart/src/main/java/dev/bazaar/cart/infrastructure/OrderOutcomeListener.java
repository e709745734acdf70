package dev.bazaar.cart.infrastructure;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.cart.application.OrderOutcomes;
import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Adapter from queue cart.order-outcomes to {@link OrderOutcomes}; decoding, inbox and dead-lettering are infra's. */
@ApplicationScoped
public class OrderOutcomeListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    OrderOutcomeListener(InboundProcessor inbound, OrderOutcomes outcomes) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("order-outcomes")
                .on(Contracts.ORDER_CONFIRMED, outcomes::confirmed)
                .on(Contracts.ORDER_REJECTED, outcomes::rejected)
                .build();
    }

    @Incoming("order-outcomes")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

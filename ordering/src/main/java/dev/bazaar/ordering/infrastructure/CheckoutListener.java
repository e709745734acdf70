package dev.bazaar.ordering.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.ordering.application.OrderPlacement;
import io.smallrye.mutiny.Uni;

/** Adapter from queue ordering.checkouts (cart.checked-out) to {@link OrderPlacement}. */
@ApplicationScoped
public class CheckoutListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    CheckoutListener(InboundProcessor inbound, OrderPlacement placement) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("checkouts")
                .on(Contracts.CART_CHECKED_OUT, placement::checkedOut)
                .build();
    }

    @Incoming("checkouts")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

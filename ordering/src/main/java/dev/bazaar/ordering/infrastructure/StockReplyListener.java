package dev.bazaar.ordering.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.ordering.application.SagaReplies;
import io.smallrye.mutiny.Uni;

/** Adapter from queue ordering.stock-replies (catalog's stock.* replies) to {@link SagaReplies}. */
@ApplicationScoped
public class StockReplyListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    StockReplyListener(InboundProcessor inbound, SagaReplies replies) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("stock-replies")
                .on(Contracts.STOCK_RESERVED, replies::stockReserved)
                .on(Contracts.STOCK_REJECTED, replies::stockRejected)
                .on(Contracts.STOCK_RELEASED, replies::stockReleased)
                .build();
    }

    @Incoming("stock-replies")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

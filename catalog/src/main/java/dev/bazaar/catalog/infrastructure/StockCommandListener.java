package dev.bazaar.catalog.infrastructure;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.catalog.application.StockCommands;
import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Adapter from queue catalog.stock-commands to {@link StockCommands}; decoding, inbox and dead-lettering are infra's. */
@ApplicationScoped
public class StockCommandListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    StockCommandListener(InboundProcessor inbound, StockCommands commands) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("stock-commands")
                .on(Contracts.RESERVE_STOCK, commands::reserve)
                .on(Contracts.RELEASE_STOCK, commands::release)
                .on(Contracts.COMMIT_STOCK, commands::commit)
                .build();
    }

    @Incoming("stock-commands")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

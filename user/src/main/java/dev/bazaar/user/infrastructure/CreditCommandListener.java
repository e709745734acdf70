package dev.bazaar.user.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.user.application.CreditCommands;
import io.smallrye.mutiny.Uni;

/** Feeds the saga's credit commands (queue {@code user.credit-commands}) to {@link CreditCommands} via the inbox. */
@ApplicationScoped
public class CreditCommandListener {

    static final String CHANNEL = "credit-commands";

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    CreditCommandListener(InboundProcessor inbound, CreditCommands commands) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder(CHANNEL)
                .on(Contracts.RESERVE_CREDIT, commands::reserve)
                .on(Contracts.RELEASE_CREDIT, commands::release)
                .on(Contracts.CAPTURE_CREDIT, commands::capture)
                .build();
    }

    @Incoming(CHANNEL)
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

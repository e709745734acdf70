package dev.bazaar.ordering.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.ordering.application.SagaReplies;
import io.smallrye.mutiny.Uni;

/** Adapter from queue ordering.credit-replies (user's credit.* replies) to {@link SagaReplies}. */
@ApplicationScoped
public class CreditReplyListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    CreditReplyListener(InboundProcessor inbound, SagaReplies replies) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("credit-replies")
                .on(Contracts.CREDIT_RESERVED, replies::creditReserved)
                .on(Contracts.CREDIT_REJECTED, replies::creditRejected)
                .on(Contracts.CREDIT_RELEASED, replies::creditReleased)
                .build();
    }

    @Incoming("credit-replies")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

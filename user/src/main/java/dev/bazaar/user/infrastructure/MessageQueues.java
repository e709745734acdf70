package dev.bazaar.user.infrastructure;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.user.application.CreditCommands;

/** The queues user consumes, one line per message type; decoding, inbox, batching and dead letters are infra's. */
@Singleton
class MessageQueues {

    /** Saga commands from ordering: reserve, release and capture credit. Replies leave through the outbox. */
    @Produces
    @Singleton
    MessageRoutes creditCommands(CreditCommands commands) {
        return MessageRoutes.builder("credit-commands", "user.credit-commands")
                .onBatch(Contracts.RESERVE_CREDIT, commands::reserve)
                .onBatch(Contracts.RELEASE_CREDIT, commands::release)
                .onBatch(Contracts.CAPTURE_CREDIT, commands::capture)
                .lockFirst(commands::lockBatch)
                .build();
    }
}

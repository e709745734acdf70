package dev.bazaar.catalog.infrastructure;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.catalog.application.StockCommands;
import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.MessageRoutes;

/**
 * The queues catalog consumes, one line per message type; decoding, inbox, batching and dead letters are infra's.
 * Each line also names the rows its commands touch, which a batch of several types locks first.
 */
@Singleton
class MessageQueues {

    /** Saga commands from ordering: reserve, release and commit stock. Replies leave through the outbox. */
    @Produces
    @Singleton
    MessageRoutes stockCommands(StockCommands commands) {
        return MessageRoutes.builder("stock-commands", "catalog.stock-commands")
                .lockFirst(commands::lockRows)
                .onBatch(Contracts.RESERVE_STOCK, commands::reserve, StockCommands.RESERVE_ROWS)
                .onBatch(Contracts.RELEASE_STOCK, commands::release, StockCommands.RELEASE_ROWS)
                .onBatch(Contracts.COMMIT_STOCK, commands::commit, StockCommands.COMMIT_ROWS)
                .build();
    }
}

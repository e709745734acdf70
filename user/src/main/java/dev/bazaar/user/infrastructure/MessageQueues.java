package dev.bazaar.user.infrastructure;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.credit.CaptureCredit;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.infra.inbox.LockKeys;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.user.application.CreditCommands;

/**
 * The queues user consumes, one line per message type; decoding, inbox, batching and dead letters are infra's. Each
 * line also names the account its commands touch, which a batch of several types locks first.
 */
@Singleton
class MessageQueues {

    /** Saga commands from ordering: reserve, release and capture credit. Replies leave through the outbox. */
    @Produces
    @Singleton
    MessageRoutes creditCommands(CreditCommands commands) {
        return MessageRoutes.builder("credit-commands", "user.credit-commands")
                .lockFirst(commands::lockAccounts)
                .onBatch(Contracts.RESERVE_CREDIT, commands::reserve, LockKeys.one(ReserveCredit::customerId))
                .onBatch(Contracts.RELEASE_CREDIT, commands::release, LockKeys.one(ReleaseCredit::customerId))
                .onBatch(Contracts.CAPTURE_CREDIT, commands::capture, LockKeys.one(CaptureCredit::customerId))
                .build();
    }
}

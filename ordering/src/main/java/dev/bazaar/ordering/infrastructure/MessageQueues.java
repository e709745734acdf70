package dev.bazaar.ordering.infrastructure;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.ordering.application.OrderPlacement;
import dev.bazaar.ordering.saga.SagaReplies;

/** The queues ordering consumes, one line per message type; decoding, inbox, batching and dead letters are infra's. */
@Singleton
class MessageQueues {

    /** cart.checked-out: creates the order with the id cart generated and starts the saga. */
    @Produces
    @Singleton
    MessageRoutes checkouts(OrderPlacement placement) {
        return MessageRoutes.builder("checkouts", "ordering.checkouts")
                .onBatch(Contracts.CART_CHECKED_OUT, placement::checkedOut)
                .build();
    }

    /** catalog's replies to stock.reserve and stock.release. */
    @Produces
    @Singleton
    MessageRoutes stockReplies(SagaReplies replies) {
        return MessageRoutes.builder("stock-replies", "ordering.stock-replies")
                .onBatch(Contracts.STOCK_RESERVED, replies::stockReserved)
                .onBatch(Contracts.STOCK_REJECTED, replies::stockRejected)
                .onBatch(Contracts.STOCK_RELEASED, replies::stockReleased)
                .lockFirst(replies::lockBatch)
                .build();
    }

    /** user's replies to credit.reserve and credit.release. */
    @Produces
    @Singleton
    MessageRoutes creditReplies(SagaReplies replies) {
        return MessageRoutes.builder("credit-replies", "ordering.credit-replies")
                .onBatch(Contracts.CREDIT_RESERVED, replies::creditReserved)
                .onBatch(Contracts.CREDIT_REJECTED, replies::creditRejected)
                .onBatch(Contracts.CREDIT_RELEASED, replies::creditReleased)
                .lockFirst(replies::lockBatch)
                .build();
    }
}

package dev.bazaar.ordering.infrastructure;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.infra.inbox.LockKeys;
import dev.bazaar.infra.inbox.MessageRoutes;
import dev.bazaar.ordering.application.OrderPlacement;
import dev.bazaar.ordering.saga.SagaReplies;

/**
 * The queues ordering consumes, one line per message type; decoding, inbox, batching and dead letters are infra's.
 * On the reply queues each line also names the order its replies touch, which a batch of several types locks first.
 */
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
                .lockFirst(replies::lockOrders)
                .onBatch(Contracts.STOCK_RESERVED, replies::stockReserved, LockKeys.one(StockReserved::orderId))
                .onBatch(Contracts.STOCK_REJECTED, replies::stockRejected, LockKeys.one(StockRejected::orderId))
                .onBatch(Contracts.STOCK_RELEASED, replies::stockReleased, LockKeys.one(StockReleased::orderId))
                .build();
    }

    /** user's replies to credit.reserve and credit.release. */
    @Produces
    @Singleton
    MessageRoutes creditReplies(SagaReplies replies) {
        return MessageRoutes.builder("credit-replies", "ordering.credit-replies")
                .lockFirst(replies::lockOrders)
                .onBatch(Contracts.CREDIT_RESERVED, replies::creditReserved, LockKeys.one(CreditReserved::orderId))
                .onBatch(Contracts.CREDIT_REJECTED, replies::creditRejected, LockKeys.one(CreditRejected::orderId))
                .onBatch(Contracts.CREDIT_RELEASED, replies::creditReleased, LockKeys.one(CreditReleased::orderId))
                .build();
    }
}

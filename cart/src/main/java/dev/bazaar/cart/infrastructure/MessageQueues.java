package dev.bazaar.cart.infrastructure;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.cart.application.OrderOutcomes;
import dev.bazaar.cart.application.ProductCopies;
import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.MessageRoutes;

/** The queues cart consumes, one line per message type; decoding, inbox, batching and dead letters are infra's. */
@Singleton
class MessageQueues {

    /** Catalog's product events keep cart's local copy of products and prices (event-carried state). */
    @Produces
    @Singleton
    MessageRoutes products(ProductCopies products) {
        return MessageRoutes.builder("products", "cart.products")
                .onBatch(Contracts.PRODUCT_CREATED, products::created)
                .onBatch(Contracts.PRODUCT_PRICE_CHANGED, products::priceChanged)
                .build();
    }

    /** The outcome of each checked-out cart's order: confirmed closes the cart, rejected reopens it. */
    @Produces
    @Singleton
    MessageRoutes orderOutcomes(OrderOutcomes outcomes) {
        return MessageRoutes.builder("order-outcomes", "cart.order-outcomes")
                .onBatch(Contracts.ORDER_CONFIRMED, outcomes::confirmed)
                .onBatch(Contracts.ORDER_REJECTED, outcomes::rejected)
                .build();
    }
}

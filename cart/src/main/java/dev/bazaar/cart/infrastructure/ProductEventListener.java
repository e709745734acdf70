package dev.bazaar.cart.infrastructure;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.bazaar.cart.application.ProductCopies;
import dev.bazaar.events.Contracts;
import dev.bazaar.infra.inbox.InboundProcessor;
import dev.bazaar.infra.inbox.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Adapter from queue cart.products to {@link ProductCopies}; decoding, inbox and dead-lettering are infra's. */
@ApplicationScoped
public class ProductEventListener {

    private final InboundProcessor inbound;
    private final MessageRoutes routes;

    ProductEventListener(InboundProcessor inbound, ProductCopies products) {
        this.inbound = inbound;
        this.routes = MessageRoutes.builder("products")
                .on(Contracts.PRODUCT_CREATED, products::created)
                .on(Contracts.PRODUCT_PRICE_CHANGED, products::priceChanged)
                .build();
    }

    @Incoming("products")
    public Uni<Void> receive(Message<byte[]> message) {
        return inbound.process(message, routes);
    }
}

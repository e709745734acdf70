package dev.bazaar.infra.it;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Writes outbox rows the way a service's application layer does. */
@ApplicationScoped
public class ProbeCommands {

    private final Outbox outbox;

    ProbeCommands(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Envelope> announce(ProductCreated product) {
        return outbox.enqueue(Contracts.PRODUCT_CREATED, product, product.productId().toString(),
                product.productId().toString(), null);
    }

    /**
     * Commits the row without publishing it afterwards (no {@code @WithTransaction}, so nothing publishes after the
     * commit): what a process leaves behind when it dies between its commit and the broker's confirm.
     */
    public Uni<Envelope> announceAndDieBeforePublishing(ProductCreated product) {
        return Panache.withTransaction(() -> outbox.enqueue(Contracts.PRODUCT_CREATED, product,
                product.productId().toString(), product.productId().toString(), null));
    }

    /** Writes the row, then fails: the transaction rolls back and must take the row with it. */
    @WithTransaction
    public Uni<Envelope> announceThenFail(ProductCreated product) {
        return outbox.enqueue(Contracts.PRODUCT_CREATED, product, product.productId().toString(),
                        product.productId().toString(), null)
                .chain(envelope -> Uni.createFrom().failure(new IllegalStateException("business rule failed")));
    }
}

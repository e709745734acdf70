package dev.bazaar.cart.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.cart.domain.ProductCopy;
import dev.bazaar.cart.infrastructure.ProductCopyStore;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.events.product.ProductPriceChanged;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.OutboxBatch;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps cart's copy of catalog's products (event-carried state). Competing replicas may apply one product's events
 * in any order, so each event carries its time ({@code occurredAt}) into the copy and only a newer one changes the
 * price. Runs in the inbox's transaction: a duplicate never gets here.
 */
@ApplicationScoped
public class ProductCopies {

    private final ProductCopyStore products;

    ProductCopies(ProductCopyStore products) {
        this.products = products;
    }

    public Uni<Void> created(SqlConnection transaction, List<Received<ProductCreated>> events, OutboxBatch outbox) {
        List<Uni<Void>> writes = new ArrayList<>();
        for (Received<ProductCreated> received : events) {
            ProductCreated event = received.payload();
            Envelope envelope = received.envelope();
            BigDecimal price = price(event.price(), envelope);
            writes.add(products.applyCreated(transaction, event.productId(), event.sku(), event.name(), price,
                            envelope.occurredAt())
                    .invoke(() -> Log.infof("Product %s (%s) known from product.created %s of %s", event.productId(),
                            event.sku(), envelope.id(), envelope.occurredAt())));
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    public Uni<Void> priceChanged(SqlConnection transaction, List<Received<ProductPriceChanged>> events,
            OutboxBatch outbox) {
        List<Uni<Void>> writes = new ArrayList<>();
        for (Received<ProductPriceChanged> received : events) {
            ProductPriceChanged event = received.payload();
            Envelope envelope = received.envelope();
            BigDecimal price = price(event.newPrice(), envelope);
            writes.add(products.applyPriceChange(transaction, event.productId(), event.sku(), price,
                            envelope.occurredAt())
                    .invoke(applied -> {
                        if (applied) {
                            Log.infof("Product %s (%s) repriced to %s by %s of %s", event.productId(), event.sku(),
                                    price, envelope.id(), envelope.occurredAt());
                        } else {
                            Log.infof("Price change %s of product %s (%s) of %s ignored: a newer price is known",
                                    envelope.id(), event.productId(), event.sku(), envelope.occurredAt());
                        }
                    })
                    .replaceWithVoid());
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /** A price cart cannot store exactly will never become storable: park the message for an operator. */
    private static BigDecimal price(BigDecimal price, Envelope envelope) {
        try {
            return ProductCopy.price(price);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException(envelope.type() + " " + envelope.id() + ": " + e.getMessage());
        }
    }
}

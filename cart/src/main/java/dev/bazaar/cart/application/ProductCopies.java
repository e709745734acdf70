package dev.bazaar.cart.application;

import java.math.BigDecimal;

import dev.bazaar.cart.domain.ProductCopy;
import dev.bazaar.cart.infrastructure.ProductCopyRepository;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.events.product.ProductPriceChanged;
import dev.bazaar.infra.inbox.RejectedMessageException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps cart's copy of catalog's products (event-carried state). Competing replicas may apply one product's events
 * in any order, so each event carries its time ({@code occurredAt}) into the copy and only a newer one changes the
 * price. Runs in the inbox's transaction: a duplicate never gets here.
 */
@ApplicationScoped
public class ProductCopies {

    private final ProductCopyRepository products;

    ProductCopies(ProductCopyRepository products) {
        this.products = products;
    }

    public Uni<Void> created(ProductCreated event, Envelope envelope) {
        BigDecimal price = price(event.price(), envelope);
        return products.applyCreated(event.productId(), event.sku(), event.name(), price, envelope.occurredAt())
                .invoke(() -> Log.infof("Product %s (%s) known from product.created %s of %s", event.productId(),
                        event.sku(), envelope.id(), envelope.occurredAt()));
    }

    public Uni<Void> priceChanged(ProductPriceChanged event, Envelope envelope) {
        BigDecimal price = price(event.newPrice(), envelope);
        return products.applyPriceChange(event.productId(), event.sku(), price, envelope.occurredAt())
                .invoke(applied -> {
                    if (applied) {
                        Log.infof("Product %s (%s) repriced to %s by %s of %s", event.productId(), event.sku(), price,
                                envelope.id(), envelope.occurredAt());
                    } else {
                        Log.infof("Price change %s of product %s (%s) of %s ignored: a newer price is known",
                                envelope.id(), event.productId(), event.sku(), envelope.occurredAt());
                    }
                })
                .replaceWithVoid();
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

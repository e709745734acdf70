package dev.bazaar.cart.testsupport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.events.product.ProductPriceChanged;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.TestBroker;

/** Product events as catalog publishes them: on catalog.events, source "catalog", one aggregate per product. */
public final class CatalogEvents {

    public static final String EXCHANGE = "catalog.events";

    private CatalogEvents() {
    }

    public static Envelope created(UUID productId, String sku, String name, String price, Instant occurredAt) {
        return at(TestBroker.envelope(Contracts.PRODUCT_CREATED,
                new ProductCreated(productId, sku, name, new BigDecimal(price)), "catalog", productId.toString(),
                productId.toString()), occurredAt);
    }

    public static Envelope priceChanged(UUID productId, String sku, String oldPrice, String newPrice,
            Instant occurredAt) {
        return at(TestBroker.envelope(Contracts.PRODUCT_PRICE_CHANGED,
                new ProductPriceChanged(productId, sku, new BigDecimal(oldPrice), new BigDecimal(newPrice)),
                "catalog", productId.toString(), productId.toString()), occurredAt);
    }

    /** Publishes product.created for a new product and waits until cart has applied it; returns the product id. */
    public static UUID productKnown(RabbitMqExtension broker, String name, String price) {
        UUID productId = UUID.randomUUID();
        Envelope created = created(productId, sku(productId), name, price, Instant.now());
        broker.publish(EXCHANGE, created);
        CartDatabase.awaitHandled(created);
        return productId;
    }

    public static String sku(UUID productId) {
        return "SKU-" + productId.toString().substring(0, 8).toUpperCase();
    }

    /** The same message as if it had happened at {@code occurredAt}. */
    private static Envelope at(Envelope envelope, Instant occurredAt) {
        return new Envelope(envelope.id(), envelope.type(), envelope.version(), occurredAt, envelope.source(),
                envelope.aggregateId(), envelope.correlationId(), envelope.causationId(), envelope.payload());
    }
}

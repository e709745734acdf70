package dev.bazaar.catalog.application;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.infrastructure.ProductRepository;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.events.product.ProductPriceChanged;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.persistence.UniqueKeyViolation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Product administration and reads. Every change that other services must learn about (a new product, a new price)
 * is written to the outbox in the same transaction as the change.
 */
@ApplicationScoped
public class ProductCatalog {

    static final String SKU_CONSTRAINT = "product_sku_uk";

    private final ProductRepository products;
    private final Outbox outbox;
    private final IdempotencyKeys idempotency;

    ProductCatalog(ProductRepository products, Outbox outbox, IdempotencyKeys idempotency) {
        this.products = products;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    /**
     * Creates a product once per Idempotency-Key of the administrator: one transaction claims the key, creates the
     * product and stores the response, or none of it; a repeated key answers the stored response.
     *
     * @param fingerprint what identifies the request, to refuse a reused key with another one
     * @param respond the HTTP response for the created product
     */
    @WithTransaction
    public Uni<StoredResponse> create(CreateProduct command, String admin, String idempotencyKey, String fingerprint,
            Function<Product, StoredResponse> respond) {
        return idempotency.once("catalog.create-product:" + admin, idempotencyKey, fingerprint,
                () -> Uni.createFrom().deferred(() -> createNew(command)).map(respond));
    }

    @WithSession
    public Uni<Product> get(UUID id) {
        return products.findProduct(id).map(requireFound(id));
    }

    @WithSession
    public Uni<ProductPage> search(String q, int page, int size) {
        return products.countMatching(q).flatMap(total -> products.search(q, page, size)
                .map(items -> new ProductPage(items, page, size, total)));
    }

    /** A new price is announced as product.price-changed; the same price again changes nothing and says nothing. */
    @WithTransaction
    public Uni<Product> reprice(UUID id, BigDecimal newPrice) {
        return products.findProductForUpdate(id).map(requireFound(id)).flatMap(product -> {
            BigDecimal oldPrice = product.price();
            if (!domainRule(() -> product.reprice(newPrice))) {
                return Uni.createFrom().item(product);
            }
            ProductPriceChanged event = new ProductPriceChanged(product.id(), product.sku(), oldPrice, product.price());
            return products.save(product)
                    .call(() -> outbox.enqueue(Contracts.PRODUCT_PRICE_CHANGED, event, product.id().toString(),
                            product.id().toString(), null))
                    .invoke(() -> Log.infof("Product %s (%s) repriced from %s to %s", product.id(), product.sku(),
                            oldPrice, product.price()))
                    .replaceWith(product);
        });
    }

    @WithTransaction
    public Uni<Product> restock(UUID id, int quantity) {
        return products.findProductForUpdate(id).map(requireFound(id)).flatMap(product -> {
            domainAction(() -> product.restock(quantity));
            return products.save(product)
                    .invoke(() -> Log.infof("Product %s (%s) restocked by %d to %d on hand", product.id(),
                            product.sku(), quantity, product.onHand()))
                    .replaceWith(product);
        });
    }

    private Uni<Product> createNew(CreateProduct command) {
        Product product = domainRule(() -> Product.create(command.sku(), command.name(), command.price(),
                command.initialStock()));
        ProductCreated event = new ProductCreated(product.id(), product.sku(), product.name(), product.price());
        return products.skuExists(product.sku())
                .flatMap(exists -> {
                    if (exists) {
                        throw new DuplicateSkuException(product.sku());
                    }
                    return products.add(product);
                })
                // two admins creating the same sku at once: the unique key decides, the loser gets the same 409
                .onFailure(failure -> UniqueKeyViolation.of(failure, SKU_CONSTRAINT))
                .transform(failure -> new DuplicateSkuException(product.sku()))
                .call(() -> outbox.enqueue(Contracts.PRODUCT_CREATED, event, product.id().toString(),
                        product.id().toString(), null))
                .invoke(() -> Log.infof("Product %s (%s) created with %d on hand", product.id(), product.sku(),
                        product.onHand()))
                .replaceWith(product);
    }

    private static Function<Product, Product> requireFound(UUID id) {
        return product -> {
            if (product == null) {
                throw new ProductNotFoundException(id);
            }
            return product;
        };
    }

    private static void domainAction(Runnable action) {
        domainRule(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T domainRule(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidProductException(e.getMessage());
        }
    }
}

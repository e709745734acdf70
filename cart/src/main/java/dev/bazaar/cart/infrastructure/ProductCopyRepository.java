package dev.bazaar.cart.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bazaar.cart.domain.ProductCopy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cart's copy of catalog's products. Writes are single upserts that compare the event's time with the stored
 * {@code price_as_of} in the database itself, so two replicas applying events of one product concurrently (and in
 * any order) end with the newest price: no read-modify-write window, no lost update.
 */
@ApplicationScoped
public class ProductCopyRepository implements PanacheRepositoryBase<ProductCopyEntity, UUID> {

    /**
     * product.created is the only source of the name, so it always sets name and sku; the price only if it is newer
     * than the stored one (a price change may have overtaken the creation).
     */
    private static final String APPLY_CREATED = """
            insert into product_copy as p (product_id, sku, name, price, price_as_of)
            values (:productId, :sku, :name, :price, :asOf)
            on conflict (product_id) do update set
                sku = excluded.sku,
                name = excluded.name,
                price = case when excluded.price_as_of > p.price_as_of then excluded.price else p.price end,
                price_as_of = greatest(excluded.price_as_of, p.price_as_of)
            """;

    /** A price change for a product not known yet is kept, named by its sku until product.created arrives. */
    private static final String APPLY_PRICE = """
            insert into product_copy as p (product_id, sku, name, price, price_as_of)
            values (:productId, :sku, :sku, :price, :asOf)
            on conflict (product_id) do update set
                price = excluded.price,
                price_as_of = excluded.price_as_of
            where excluded.price_as_of > p.price_as_of
            """;

    /** @return the product, or null if cart has not heard of it */
    public Uni<ProductCopy> findCopy(UUID productId) {
        return findById(productId).map(entity -> entity == null ? null : entity.toDomain());
    }

    /** @return the known products among {@code productIds}, by id */
    public Uni<Map<UUID, ProductCopy>> findCopies(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("productId in ?1", List.copyOf(productIds)).map(entities -> entities.stream()
                .map(ProductCopyEntity::toDomain)
                .collect(Collectors.toUnmodifiableMap(ProductCopy::productId, Function.identity())));
    }

    /** Applies product.created as of {@code occurredAt}. */
    public Uni<Void> applyCreated(UUID productId, String sku, String name, BigDecimal price, Instant occurredAt) {
        return getSession().chain(session -> session.createNativeQuery(APPLY_CREATED)
                        .setParameter("productId", productId)
                        .setParameter("sku", sku)
                        .setParameter("name", name)
                        .setParameter("price", price)
                        .setParameter("asOf", timestamp(occurredAt))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** @return whether the price was applied (false: the stored price is as new or newer) */
    public Uni<Boolean> applyPriceChange(UUID productId, String sku, BigDecimal newPrice, Instant occurredAt) {
        return getSession().chain(session -> session.createNativeQuery(APPLY_PRICE)
                        .setParameter("productId", productId)
                        .setParameter("sku", sku)
                        .setParameter("price", newPrice)
                        .setParameter("asOf", timestamp(occurredAt))
                        .executeUpdate())
                .map(rows -> rows > 0);
    }

    /** PostgreSQL keeps microseconds: compare what is stored, not nanoseconds it would round away. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}

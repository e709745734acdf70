package dev.bazaar.catalog.infrastructure;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.bazaar.catalog.domain.Product;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Products in and out of the current reactive session; callers open the session or transaction. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, UUID> {

    private static final char LIKE_ESCAPE = '!';

    /** @return the product, or null */
    public Uni<Product> findProduct(UUID id) {
        return findById(id).map(entity -> entity == null ? null : entity.toDomain());
    }

    /** Loads and row-locks the product, so a write waits for reservations in flight instead of failing stale. */
    public Uni<Product> findProductForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).map(entity -> entity == null ? null : entity.toDomain());
    }

    public Uni<Boolean> skuExists(String sku) {
        return count("sku", sku).map(count -> count > 0);
    }

    /** Inserts and flushes at once, so a unique-key race surfaces here rather than at commit. */
    public Uni<Void> add(Product product) {
        return persist(ProductEntity.from(product)).call(this::flush).replaceWithVoid();
    }

    /** Writes the product's state to its managed row (loaded earlier in this session). */
    public Uni<Void> save(Product product) {
        return findById(product.id()).invoke(entity -> {
            if (entity == null) {
                throw new IllegalStateException("product " + product.id() + " vanished");
            }
            entity.copyFrom(product);
        }).replaceWithVoid();
    }

    /** One page of the products whose sku or name contains {@code q} (any case), sorted by sku. */
    public Uni<List<Product>> search(String q, int pageIndex, int pageSize) {
        return matching(q).page(Page.of(pageIndex, pageSize)).list()
                .map(entities -> entities.stream().map(ProductEntity::toDomain).toList());
    }

    public Uni<Long> countMatching(String q) {
        return matching(q).count();
    }

    private PanacheQuery<ProductEntity> matching(String q) {
        if (q == null || q.isBlank()) {
            return findAll(Sort.by("sku"));
        }
        return find("lower(sku) like ?1 escape '" + LIKE_ESCAPE + "' or lower(name) like ?1 escape '"
                + LIKE_ESCAPE + "'", Sort.by("sku"), containsPattern(q));
    }

    static String containsPattern(String q) {
        String escape = String.valueOf(LIKE_ESCAPE);
        String literal = q.strip().toLowerCase(Locale.ROOT)
                .replace(escape, escape + escape)
                .replace("%", escape + "%")
                .replace("_", escape + "_");
        return "%" + literal + "%";
    }
}

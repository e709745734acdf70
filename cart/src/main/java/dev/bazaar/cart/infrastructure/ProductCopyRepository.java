package dev.bazaar.cart.infrastructure;

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

/** Cart's copy of catalog's products as the HTTP API reads it ({@link ProductCopyStore} writes it). */
@ApplicationScoped
public class ProductCopyRepository implements PanacheRepositoryBase<ProductCopyEntity, UUID> {

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
}

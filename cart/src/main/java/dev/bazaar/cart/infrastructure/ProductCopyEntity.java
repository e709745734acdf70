package dev.bazaar.cart.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.cart.domain.ProductCopy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of table {@code product_copy}: read here, written only by {@link ProductCopyRepository}'s upserts. */
@Entity
@Table(name = "product_copy")
public class ProductCopyEntity {

    @Id
    @Column(name = "product_id")
    public UUID productId;

    @Column(nullable = false, length = 64)
    public String sku;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal price;

    @Column(name = "price_as_of", nullable = false)
    public Instant priceAsOf;

    ProductCopy toDomain() {
        return new ProductCopy(productId, sku, name, price);
    }
}

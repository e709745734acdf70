package dev.bazaar.catalog.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.bazaar.catalog.domain.Product;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Row of table {@code product}; the domain {@link Product} is mapped in and out here. */
@Entity
@Table(name = "product")
public class ProductEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false, length = 64)
    public String sku;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal price;

    @Column(name = "on_hand", nullable = false)
    public int onHand;

    @Column(nullable = false)
    public int reserved;

    @Column(nullable = false)
    public int sold;

    @Column(name = "stock_added", nullable = false)
    public long stockAdded;

    @Version
    public Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    static ProductEntity from(Product product) {
        ProductEntity entity = new ProductEntity();
        entity.id = product.id();
        entity.sku = product.sku();
        entity.createdAt = Instant.now();
        entity.copyFrom(product);
        return entity;
    }

    Product toDomain() {
        return Product.restore(id, sku, name, price, onHand, reserved, sold, stockAdded);
    }

    /** Copies the mutable state; unchanged values leave the entity clean, so no update and no version bump. */
    void copyFrom(Product product) {
        name = product.name();
        if (price == null || price.compareTo(product.price()) != 0) {
            price = product.price();
        }
        onHand = product.onHand();
        reserved = product.reserved();
        sold = product.sold();
        stockAdded = product.stockAdded();
    }
}

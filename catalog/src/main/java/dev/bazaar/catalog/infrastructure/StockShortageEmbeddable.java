package dev.bazaar.catalog.infrastructure;

import java.util.UUID;

import dev.bazaar.catalog.domain.StockShortage;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Row of table {@code stock_shortage}. */
@Embeddable
public class StockShortageEmbeddable {

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(length = 64)
    public String sku;

    @Column(nullable = false)
    public int wanted;

    @Column(nullable = false)
    public int available;

    static StockShortageEmbeddable from(StockShortage shortage) {
        StockShortageEmbeddable row = new StockShortageEmbeddable();
        row.productId = shortage.productId();
        row.sku = shortage.sku();
        row.wanted = shortage.wanted();
        row.available = shortage.available();
        return row;
    }

    StockShortage toDomain() {
        return new StockShortage(productId, sku, wanted, available);
    }
}

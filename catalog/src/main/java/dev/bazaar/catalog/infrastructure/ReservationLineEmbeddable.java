package dev.bazaar.catalog.infrastructure;

import java.math.BigDecimal;
import java.util.UUID;

import dev.bazaar.catalog.domain.ReservationLine;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Row of table {@code stock_reservation_line}. */
@Embeddable
public class ReservationLineEmbeddable {

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(nullable = false, length = 64)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price", nullable = false, precision = 12, scale = 2)
    public BigDecimal unitPrice;

    static ReservationLineEmbeddable from(ReservationLine line) {
        ReservationLineEmbeddable row = new ReservationLineEmbeddable();
        row.productId = line.productId();
        row.sku = line.sku();
        row.quantity = line.quantity();
        row.unitPrice = line.unitPrice();
        return row;
    }

    ReservationLine toDomain() {
        return new ReservationLine(productId, sku, quantity, unitPrice);
    }
}

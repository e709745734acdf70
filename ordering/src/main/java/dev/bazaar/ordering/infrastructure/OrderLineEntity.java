package dev.bazaar.ordering.infrastructure;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import dev.bazaar.ordering.domain.OrderLine;

/** Row of table {@code order_line}; sku and unit price stay null until catalog reserved the stock. */
@Entity
@Table(name = "order_line")
@IdClass(OrderLineKey.class)
public class OrderLineEntity {

    @Id
    public UUID orderId;

    @Id
    public int lineNo;

    @Column(nullable = false, updatable = false)
    public UUID productId;

    public String sku;

    @Column(nullable = false, updatable = false)
    public int quantity;

    public BigDecimal unitPrice;

    static OrderLineEntity from(UUID orderId, int lineNo, OrderLine line) {
        OrderLineEntity entity = new OrderLineEntity();
        entity.orderId = orderId;
        entity.lineNo = lineNo;
        entity.productId = line.productId();
        entity.quantity = line.quantity();
        entity.sku = line.sku();
        entity.unitPrice = line.unitPrice();
        return entity;
    }

    OrderLine toDomain() {
        return new OrderLine(productId, sku, quantity, unitPrice);
    }
}

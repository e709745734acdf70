package dev.bazaar.ordering.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.OrderStatus;

/** Row of table {@code orders}: the order and its saga state. Lines live in {@link OrderLineEntity}. */
@Entity
@Table(name = "orders")
public class OrderEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public UUID customerId;

    @Column(updatable = false)
    public UUID cartId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    public BigDecimal total;

    public String rejectionReason;

    public Instant deadlineAt;

    public boolean stockReleased;

    public boolean creditReleased;

    @Column(nullable = false, updatable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public Instant updatedAt;

    /** The W3C trace context of the span that placed the order; null outside any trace. */
    @Column(updatable = false)
    public String traceparent;

    /** Optimistic lock: a writer that read a stale row fails instead of overwriting a newer decision. */
    @Version
    public long version;

    static OrderEntity from(Order order, Instant now, String traceparent) {
        OrderEntity entity = new OrderEntity();
        entity.traceparent = traceparent;
        entity.id = order.id();
        entity.customerId = order.customerId();
        entity.cartId = order.cartId();
        entity.createdAt = now;
        entity.copyFrom(order, now);
        return entity;
    }

    void copyFrom(Order order, Instant now) {
        status = order.status();
        total = order.total();
        rejectionReason = order.rejectionReason();
        deadlineAt = order.deadline();
        stockReleased = order.stockReleased();
        creditReleased = order.creditReleased();
        updatedAt = now;
    }

    Order toDomain(List<OrderLineEntity> lines) {
        List<OrderLine> domainLines = lines.stream().map(OrderLineEntity::toDomain).toList();
        return new Order(id, customerId, cartId, status, domainLines, total, rejectionReason, deadlineAt,
                stockReleased, creditReleased);
    }
}

package dev.bazaar.user.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.bazaar.user.domain.TopUp;

/** Row of table {@code top_up} (insert-only); the domain {@link TopUp} is mapped in and out here. */
@Entity
@Table(name = "top_up")
public class TopUpEntity {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Column(nullable = false, updatable = false, precision = 19, scale = 2)
    public BigDecimal amount;

    @Column(name = "topped_up_at", nullable = false, updatable = false)
    public Instant at;

    static TopUpEntity from(TopUp topUp) {
        TopUpEntity entity = new TopUpEntity();
        entity.id = topUp.id();
        entity.customerId = topUp.customerId();
        entity.amount = topUp.amount();
        entity.at = topUp.at();
        return entity;
    }

    TopUp toDomain() {
        return TopUp.restore(id, customerId, amount, at);
    }
}

package dev.bazaar.user.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.bazaar.user.domain.CreditHold;
import dev.bazaar.user.domain.HoldStatus;

/** Row of table {@code credit_hold}; the domain {@link CreditHold} is mapped in and out here. */
@Entity
@Table(name = "credit_hold")
public class CreditHoldEntity {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Column(nullable = false, updatable = false, precision = 19, scale = 2)
    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HoldStatus status;

    @Column(updatable = false)
    public String reason;

    @Column(updatable = false, precision = 19, scale = 2)
    public BigDecimal available;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Long version;

    static CreditHoldEntity from(CreditHold hold) {
        CreditHoldEntity entity = new CreditHoldEntity();
        entity.orderId = hold.orderId();
        entity.customerId = hold.customerId();
        entity.amount = hold.amount();
        entity.reason = hold.reason();
        entity.available = hold.available();
        entity.createdAt = hold.createdAt();
        entity.copyStatusFrom(hold);
        return entity;
    }

    CreditHold toDomain() {
        return CreditHold.restore(orderId, customerId, amount, status, reason, available, createdAt, updatedAt);
    }

    /** Only the status (and when it changed) ever changes; a repeated transition leaves the row clean. */
    void copyStatusFrom(CreditHold hold) {
        if (status != hold.status()) {
            status = hold.status();
            updatedAt = hold.updatedAt();
        }
    }
}

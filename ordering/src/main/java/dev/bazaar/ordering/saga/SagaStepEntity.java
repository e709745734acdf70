package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/**
 * Row of the append-only table {@code saga_step}; the identity column orders the steps of one order. Read through
 * Hibernate; {@link SagaStepRepository#append} writes the rows with one multi-row insert.
 */
@Entity
@Table(name = "saga_step")
public class SagaStepEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public UUID orderId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String step;

    @Column(updatable = false)
    public UUID messageId;

    @Column(updatable = false)
    public String detail;

    SagaStep toDomain() {
        return new SagaStep(at, step, messageId, detail);
    }
}

package dev.bazaar.catalog.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.catalog.domain.ReservationStatus;
import dev.bazaar.catalog.domain.StockReservation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Row of table {@code stock_reservation} with its lines and shortages. Lines and shortages are written once, when the
 * reserve is decided; later transitions only change the status.
 */
@Entity
@Table(name = "stock_reservation")
public class StockReservationEntity {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ReservationStatus status;

    @Column(nullable = false, updatable = false, precision = 14, scale = 2)
    public BigDecimal total;

    @Column(updatable = false, length = 4000)
    public String reason;

    @ElementCollection
    @CollectionTable(name = "stock_reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    public List<ReservationLineEmbeddable> lines = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "stock_shortage", joinColumns = @JoinColumn(name = "order_id"))
    public List<StockShortageEmbeddable> shortages = new ArrayList<>();

    @Version
    public Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static StockReservationEntity from(StockReservation reservation) {
        StockReservationEntity entity = new StockReservationEntity();
        entity.orderId = reservation.orderId();
        entity.status = reservation.status();
        entity.total = reservation.total();
        entity.reason = reservation.rejectionReason();
        reservation.lines().forEach(line -> entity.lines.add(ReservationLineEmbeddable.from(line)));
        reservation.shortages().forEach(shortage -> entity.shortages.add(StockShortageEmbeddable.from(shortage)));
        entity.createdAt = Instant.now();
        entity.updatedAt = entity.createdAt;
        return entity;
    }

    /** Needs {@link #lines} and {@link #shortages} fetched. */
    StockReservation toDomain() {
        return StockReservation.restore(orderId, status,
                lines.stream().map(ReservationLineEmbeddable::toDomain).toList(),
                shortages.stream().map(StockShortageEmbeddable::toDomain).toList());
    }

    void copyStatusFrom(StockReservation reservation) {
        if (status != reservation.status()) {
            status = reservation.status();
            updatedAt = Instant.now();
        }
    }
}

package dev.bazaar.catalog.infrastructure;

import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.bazaar.catalog.domain.StockReservation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Stock reservations in and out of the current reactive session; callers open the session or transaction. */
@ApplicationScoped
public class StockReservationRepository implements PanacheRepositoryBase<StockReservationEntity, UUID> {

    /** @return the order's reservation, or null */
    public Uni<StockReservation> findReservation(UUID orderId) {
        return findById(orderId).flatMap(StockReservationRepository::toDomain);
    }

    /** Loads and row-locks the order's reservation, so release and commit of one order run one after the other. */
    public Uni<StockReservation> findReservationForUpdate(UUID orderId) {
        return findById(orderId, LockModeType.PESSIMISTIC_WRITE).flatMap(StockReservationRepository::toDomain);
    }

    /**
     * Inserts the reservation with its lines. The order id is the primary key: if another transaction recorded this
     * order meanwhile, this one fails and its retry finds the recorded outcome.
     */
    public Uni<Void> add(StockReservation reservation) {
        return persist(StockReservationEntity.from(reservation)).replaceWithVoid();
    }

    /** Writes a status change to the managed row (loaded earlier in this session). */
    public Uni<Void> saveStatus(StockReservation reservation) {
        return findById(reservation.orderId()).invoke(entity -> {
            if (entity == null) {
                throw new IllegalStateException("reservation of order " + reservation.orderId() + " vanished");
            }
            entity.copyStatusFrom(reservation);
        }).replaceWithVoid();
    }

    private static Uni<StockReservation> toDomain(StockReservationEntity entity) {
        if (entity == null) {
            return Uni.createFrom().nullItem();
        }
        return Mutiny.fetch(entity.lines)
                .chain(() -> Mutiny.fetch(entity.shortages))
                .map(fetched -> entity.toDomain());
    }
}

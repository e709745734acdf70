package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class StockReservationTest {

    private final UUID orderId = UUID.randomUUID();
    private final Product cup = Product.create("CUP-1", "Cup", new BigDecimal("12.50"), 10);
    private final Product saucer = Product.create("SAUCER-1", "Saucer", new BigDecimal("3.20"), 5);
    private final Map<UUID, Product> products = Map.of(cup.id(), cup, saucer.id(), saucer);

    @Test
    void reservesEveryLineAtTheCurrentPrices() {
        StockReservation reservation = StockReservation.place(orderId,
                List.of(new StockRequest(cup.id(), 2), new StockRequest(saucer.id(), 3)), products);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.lines()).containsExactly(
                new ReservationLine(cup.id(), "CUP-1", 2, new BigDecimal("12.50")),
                new ReservationLine(saucer.id(), "SAUCER-1", 3, new BigDecimal("3.20")));
        assertThat(reservation.total()).isEqualTo(new BigDecimal("34.60"));
        assertThat(cup.onHand()).isEqualTo(8);
        assertThat(cup.reserved()).isEqualTo(2);
        assertThat(saucer.reserved()).isEqualTo(3);
    }

    @Test
    void rejectsTheWholeOrderWhenAnyLineIsShortAndNamesEveryShortLine() {
        UUID unknown = UUID.randomUUID();
        StockReservation reservation = StockReservation.place(orderId, List.of(new StockRequest(cup.id(), 1),
                new StockRequest(saucer.id(), 6), new StockRequest(unknown, 2)), products);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(reservation.wasReserved()).isFalse();
        assertThat(reservation.shortages()).containsExactly(new StockShortage(saucer.id(), "SAUCER-1", 6, 5),
                new StockShortage(unknown, null, 2, 0));
        assertThat(reservation.rejectionReason())
                .isEqualTo("out of stock: SAUCER-1 (wanted 6, have 5); unknown product: " + unknown);
        assertThat(reservation.total()).isEqualByComparingTo("0");
        assertThat(cup.onHand()).as("nothing reserved").isEqualTo(10);
        assertThat(cup.reserved()).isZero();
    }

    @Test
    void duplicateProductLinesAreAddedUpBeforeTheCheck() {
        StockReservation reservation = StockReservation.place(orderId,
                List.of(new StockRequest(saucer.id(), 3), new StockRequest(saucer.id(), 3)), products);

        assertThat(reservation.shortages()).containsExactly(new StockShortage(saucer.id(), "SAUCER-1", 6, 5));
        assertThat(saucer.onHand()).isEqualTo(5);

        StockReservation fits = StockReservation.place(UUID.randomUUID(),
                List.of(new StockRequest(saucer.id(), 2), new StockRequest(saucer.id(), 3)), products);
        assertThat(fits.lines()).singleElement().extracting(ReservationLine::quantity).isEqualTo(5);
        assertThat(saucer.onHand()).isZero();
    }

    @Test
    void commitTurnsReservedStockIntoSoldAndRepeatingItIsANoOp() {
        StockReservation reservation = reserveTwoCups();

        assertThat(reservation.commit(products)).isTrue();
        assertThat(reservation.commit(products)).isFalse();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(cup.reserved()).isZero();
        assertThat(cup.sold()).isEqualTo(2);
    }

    @Test
    void releaseReturnsReservedStockAndRepeatingItReturnsNothing() {
        StockReservation reservation = reserveTwoCups();

        assertThat(reservation.release(products)).hasSize(1);
        assertThat(reservation.release(products)).isEmpty();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(cup.onHand()).isEqualTo(10);
        assertThat(cup.reserved()).isZero();
    }

    @Test
    void releaseAfterCommitReturnsSoldStock() {
        StockReservation reservation = reserveTwoCups();
        reservation.commit(products);

        assertThat(reservation.release(products)).extracting(ReservationLine::quantity).containsExactly(2);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RETURNED);
        assertThat(cup.sold()).isZero();
        assertThat(cup.onHand()).isEqualTo(10);
        assertThat(reservation.commit(products)).as("a late commit changes nothing").isFalse();
        assertThat(cup.sold()).isZero();
    }

    @Test
    void committingAReleasedOrRejectedReservationIsIllegal() {
        StockReservation released = reserveTwoCups();
        released.release(products);
        StockReservation rejected = StockReservation.place(UUID.randomUUID(),
                List.of(new StockRequest(cup.id(), 99)), products);

        assertThatThrownBy(() -> released.commit(products)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RELEASED");
        assertThatThrownBy(() -> rejected.commit(products)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REJECTED");
        assertThat(rejected.release(products)).isEmpty();
    }

    @Test
    void releaseBeforeAnyReserveLeavesAMarkerThatHoldsNothing() {
        StockReservation marker = StockReservation.releasedBeforePlaced(orderId);

        assertThat(marker.wasReserved()).isFalse();
        assertThat(marker.wasRejected()).isFalse();
        assertThat(marker.holdsStock()).isFalse();
        assertThat(marker.release(products)).isEmpty();
    }

    @Test
    void restoringInconsistentStateFails() {
        assertThatThrownBy(() -> StockReservation.restore(orderId, ReservationStatus.RESERVED, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StockReservation.restore(orderId, ReservationStatus.REJECTED, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private StockReservation reserveTwoCups() {
        return StockReservation.place(orderId, List.of(new StockRequest(cup.id(), 2)), products);
    }
}

package dev.bazaar.catalog.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The stock one order holds, keyed by the order id. An order reserves at most once: its first reserve decides the
 * outcome (reserved or rejected) and every later reserve for the same order gets that outcome again.
 * Repeating a transition is a no-op; a transition the life cycle does not allow throws.
 */
public final class StockReservation {

    private final UUID orderId;
    private ReservationStatus status;
    private final List<ReservationLine> lines;
    private final List<StockShortage> shortages;

    private StockReservation(UUID orderId, ReservationStatus status, List<ReservationLine> lines,
            List<StockShortage> shortages) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.status = Objects.requireNonNull(status, "status");
        this.lines = List.copyOf(lines);
        this.shortages = List.copyOf(shortages);
        if (status == ReservationStatus.REJECTED && (shortages.isEmpty() || !lines.isEmpty())) {
            throw new IllegalArgumentException("a rejected reservation has shortages and no lines: order " + orderId);
        }
        if (status != ReservationStatus.REJECTED && !shortages.isEmpty()) {
            throw new IllegalArgumentException("only a rejected reservation has shortages: order " + orderId);
        }
        if (lines.isEmpty() && status != ReservationStatus.REJECTED && status != ReservationStatus.RELEASED) {
            throw new IllegalArgumentException("a " + status + " reservation needs lines: order " + orderId);
        }
    }

    /**
     * Reserves every requested product or none. {@code products} holds the (locked) products that exist; a missing
     * one is reported as unknown. Duplicate product ids in {@code requests} are merged first.
     */
    public static StockReservation place(UUID orderId, List<StockRequest> requests, Map<UUID, Product> products) {
        List<StockRequest> merged = StockRequest.merge(requests);
        if (merged.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one line: order " + orderId);
        }
        List<StockShortage> shortages = new ArrayList<>();
        for (StockRequest request : merged) {
            Product product = products.get(request.productId());
            if (product == null) {
                shortages.add(new StockShortage(request.productId(), null, request.quantity(), 0));
            } else if (!product.canReserve(request.quantity())) {
                shortages.add(new StockShortage(product.id(), product.sku(), request.quantity(), product.available()));
            }
        }
        if (!shortages.isEmpty()) {
            return new StockReservation(orderId, ReservationStatus.REJECTED, List.of(), shortages);
        }
        List<ReservationLine> lines = new ArrayList<>(merged.size());
        for (StockRequest request : merged) {
            Product product = products.get(request.productId());
            product.reserve(request.quantity());
            lines.add(new ReservationLine(product.id(), product.sku(), request.quantity(), product.price()));
        }
        return new StockReservation(orderId, ReservationStatus.RESERVED, lines, List.of());
    }

    /**
     * Records that an order was released before any reserve for it arrived (a late or reordered reserve), so that
     * reserve cannot take stock for an order the orchestrator has already given up on.
     */
    public static StockReservation releasedBeforePlaced(UUID orderId) {
        return new StockReservation(orderId, ReservationStatus.RELEASED, List.of(), List.of());
    }

    public static StockReservation restore(UUID orderId, ReservationStatus status, List<ReservationLine> lines,
            List<StockShortage> shortages) {
        return new StockReservation(orderId, status, lines, shortages);
    }

    /**
     * RESERVED -> COMMITTED: the reserved stock becomes sold.
     *
     * @return whether stock moved; a repeated commit (already COMMITTED or since RETURNED) is a no-op
     * @throws IllegalStateException for a reservation that was released or rejected: nothing is held to commit
     */
    public boolean commit(Map<UUID, Product> products) {
        switch (status) {
            case RESERVED -> {
                lines.forEach(line -> productOf(line, products).commitReserved(line.quantity()));
                status = ReservationStatus.COMMITTED;
                return true;
            }
            case COMMITTED, RETURNED -> {
                return false;
            }
            default -> throw new IllegalStateException("cannot commit the stock of order " + orderId
                    + ": its reservation is " + status);
        }
    }

    /**
     * Gives the order's stock back: RESERVED -> RELEASED (reserved to on hand), COMMITTED -> RETURNED (sold to on
     * hand, a cancelled confirmed order).
     *
     * @return the lines whose stock came back; empty when nothing was held (already released, returned or rejected)
     */
    public List<ReservationLine> release(Map<UUID, Product> products) {
        switch (status) {
            case RESERVED -> {
                lines.forEach(line -> productOf(line, products).releaseReserved(line.quantity()));
                status = ReservationStatus.RELEASED;
                return lines;
            }
            case COMMITTED -> {
                lines.forEach(line -> productOf(line, products).returnSold(line.quantity()));
                status = ReservationStatus.RETURNED;
                return lines;
            }
            default -> {
                return List.of();
            }
        }
    }

    /** Whether stock is held for this order, i.e. whether release or commit will move product counters. */
    public boolean holdsStock() {
        return status == ReservationStatus.RESERVED || status == ReservationStatus.COMMITTED;
    }

    /** Whether the order's reserve succeeded (whatever happened to the stock since). */
    public boolean wasReserved() {
        return !lines.isEmpty();
    }

    public boolean wasRejected() {
        return status == ReservationStatus.REJECTED;
    }

    /** All short lines joined, e.g. "out of stock: SKU-12 (wanted 3, have 1); unknown product: 7c0e...". */
    public String rejectionReason() {
        if (!wasRejected()) {
            return null;
        }
        return shortages.stream().map(StockShortage::describe).collect(Collectors.joining("; "));
    }

    public BigDecimal total() {
        BigDecimal total = lines.stream().map(ReservationLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Prices.amount(total);
    }

    public Set<UUID> productIds() {
        Set<UUID> ids = new LinkedHashSet<>();
        lines.forEach(line -> ids.add(line.productId()));
        return ids;
    }

    public UUID orderId() {
        return orderId;
    }

    public ReservationStatus status() {
        return status;
    }

    public List<ReservationLine> lines() {
        return lines;
    }

    public List<StockShortage> shortages() {
        return shortages;
    }

    private Product productOf(ReservationLine line, Map<UUID, Product> products) {
        Product product = products.get(line.productId());
        if (product == null) {
            throw new IllegalStateException("product " + line.productId() + " of order " + orderId + " is missing");
        }
        return product;
    }
}

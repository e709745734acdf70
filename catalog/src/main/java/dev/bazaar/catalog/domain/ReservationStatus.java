package dev.bazaar.catalog.domain;

/**
 * Life cycle of one order's stock reservation.
 * <pre>
 *   RESERVED --commit--> COMMITTED --release--> RETURNED   (cancelled after confirmation: sold stock comes back)
 *   RESERVED --release--> RELEASED                         (compensation: reserved stock comes back)
 *   REJECTED                                               (reserve refused; holds nothing, kept to answer repeats)
 * </pre>
 */
public enum ReservationStatus {
    RESERVED,
    COMMITTED,
    RELEASED,
    RETURNED,
    REJECTED
}

package dev.bazaar.cart.domain;

/** Lifecycle of a cart: filled while OPEN, frozen while its order runs, CLOSED once the order is confirmed. */
public enum CartStatus {
    /** The customer may change it and check it out. */
    OPEN,
    /** Frozen as the lines of an order that has not been decided yet. */
    CHECKED_OUT,
    /** Its order was confirmed; the customer's next request opens a new cart. */
    CLOSED;

    /** Whether this is the customer's current cart (at most one per customer). */
    public boolean active() {
        return this != CLOSED;
    }
}

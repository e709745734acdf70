package dev.bazaar.cart.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer's cart: product quantities only, never prices (those are read from the product copies whenever the cart
 * is shown or checked out, so a repriced product shows its new price in every open cart). Changes are allowed while
 * OPEN; checkout freezes the cart as the lines of a new order until the order's outcome closes or reopens it.
 */
public final class Cart {

    /** Most units of one product per cart. */
    public static final int MAX_QUANTITY = 1000;
    /** Most different products per cart. */
    public static final int MAX_LINES = 100;

    private final UUID id;
    private final UUID customerId;
    private final Map<UUID, Integer> lines;
    private CartStatus status;
    private UUID orderId;
    private String lastRejection;

    private Cart(UUID id, UUID customerId, CartStatus status, UUID orderId, String lastRejection,
            Map<UUID, Integer> lines) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.status = Objects.requireNonNull(status, "status");
        this.orderId = orderId;
        this.lastRejection = lastRejection;
        this.lines = new LinkedHashMap<>(lines);
    }

    public static Cart open(UUID id, UUID customerId) {
        return new Cart(id, customerId, CartStatus.OPEN, null, null, Map.of());
    }

    public static Cart restore(UUID id, UUID customerId, CartStatus status, UUID orderId, String lastRejection,
            Map<UUID, Integer> lines) {
        return new Cart(id, customerId, status, orderId, lastRejection, lines);
    }

    /** Sets the quantity of a product, adding the line if it is new. */
    public void setQuantity(UUID productId, int quantity) {
        Objects.requireNonNull(productId, "productId");
        requireOpen();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
        }
        if (!lines.containsKey(productId) && lines.size() >= MAX_LINES) {
            throw new CartFullException(MAX_LINES);
        }
        lines.put(productId, quantity);
    }

    /** Removes a product's line; a product that is not in the cart is a no-op. */
    public void remove(UUID productId) {
        requireOpen();
        lines.remove(productId);
    }

    public void clear() {
        requireOpen();
        lines.clear();
    }

    /** Freezes the cart as the lines of order {@code newOrderId}; an earlier rejection is history from now on. */
    public void checkOut(UUID newOrderId) {
        Objects.requireNonNull(newOrderId, "newOrderId");
        requireOpen();
        if (lines.isEmpty()) {
            throw new EmptyCartException();
        }
        status = CartStatus.CHECKED_OUT;
        orderId = newOrderId;
        lastRejection = null;
    }

    /**
     * The order was confirmed: the cart is done with.
     *
     * @return false if it was already closed by that order (a repeated confirmation changes nothing)
     */
    public boolean close(UUID confirmedOrderId) {
        if (status == CartStatus.CLOSED && confirmedOrderId.equals(orderId)) {
            return false;
        }
        requireCheckedOutAs(confirmedOrderId, "close");
        status = CartStatus.CLOSED;
        return true;
    }

    /**
     * The order was rejected: the cart opens again with its lines, so the customer can fix it and retry. The order id
     * is forgotten, so a repeated rejection of that order finds no cart.
     */
    public void reopen(UUID rejectedOrderId, String reason) {
        requireCheckedOutAs(rejectedOrderId, "reopen");
        status = CartStatus.OPEN;
        orderId = null;
        lastRejection = reason;
    }

    public UUID id() {
        return id;
    }

    public UUID customerId() {
        return customerId;
    }

    public CartStatus status() {
        return status;
    }

    /** The order the cart is checked out as (or was closed by); null while OPEN. */
    public UUID orderId() {
        return orderId;
    }

    /** Why the order of the last checkout was rejected; null if it was not. */
    public String lastRejection() {
        return lastRejection;
    }

    /** Product id to quantity. */
    public Map<UUID, Integer> lines() {
        return Collections.unmodifiableMap(lines);
    }

    private void requireOpen() {
        if (status != CartStatus.OPEN) {
            throw new CartNotOpenException(status, orderId);
        }
    }

    private void requireCheckedOutAs(UUID decidedOrderId, String transition) {
        if (status != CartStatus.CHECKED_OUT || !decidedOrderId.equals(orderId)) {
            throw new IllegalStateException("cannot " + transition + " cart " + id + " for order " + decidedOrderId
                    + ": it is " + status + (orderId == null ? "" : " for order " + orderId));
        }
    }
}

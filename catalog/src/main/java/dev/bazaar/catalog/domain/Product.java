package dev.bazaar.catalog.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * A product with its price and stock counters. Stock moves between the counters, it never appears or disappears
 * except by restocking, so {@code stockAdded = onHand + reserved + sold} holds after every operation.
 */
public final class Product {

    private final UUID id;
    private final String sku;
    private final String name;
    private BigDecimal price;
    private int onHand;
    private int reserved;
    private int sold;
    private long stockAdded;

    private Product(UUID id, String sku, String name, BigDecimal price, int onHand, int reserved, int sold,
            long stockAdded) {
        this.id = Objects.requireNonNull(id, "id");
        this.sku = requireText(sku, "sku");
        this.name = requireText(name, "name");
        this.price = Prices.require(price);
        this.onHand = onHand;
        this.reserved = reserved;
        this.sold = sold;
        this.stockAdded = stockAdded;
        if (onHand < 0 || reserved < 0 || sold < 0) {
            throw new IllegalArgumentException("stock counters of " + sku + " must not be negative");
        }
        if (stockAdded != (long) onHand + reserved + sold) {
            throw new IllegalArgumentException("stock of " + sku + " is not conserved: added " + stockAdded
                    + " != on hand " + onHand + " + reserved " + reserved + " + sold " + sold);
        }
    }

    public static Product create(String sku, String name, BigDecimal price, int initialStock) {
        if (initialStock < 0) {
            throw new IllegalArgumentException("initial stock must not be negative, was " + initialStock);
        }
        return new Product(UUID.randomUUID(), sku, name.strip(), price, initialStock, 0, 0, initialStock);
    }

    /** Rebuilds a product from stored state; the constructor re-checks the invariants. */
    public static Product restore(UUID id, String sku, String name, BigDecimal price, int onHand, int reserved,
            int sold, long stockAdded) {
        return new Product(id, sku, name, price, onHand, reserved, sold, stockAdded);
    }

    /** @return whether the price changed; the same price again is a no-op. */
    public boolean reprice(BigDecimal newPrice) {
        BigDecimal normalized = Prices.require(newPrice);
        if (normalized.compareTo(price) == 0) {
            return false;
        }
        price = normalized;
        return true;
    }

    public void restock(int quantity) {
        requirePositive(quantity);
        onHand = Math.addExact(onHand, quantity);
        stockAdded = Math.addExact(stockAdded, quantity);
    }

    public boolean canReserve(int quantity) {
        return quantity <= onHand;
    }

    /** Moves stock from on hand to reserved. */
    public void reserve(int quantity) {
        requirePositive(quantity);
        if (!canReserve(quantity)) {
            throw new IllegalStateException("cannot reserve " + quantity + " of " + sku + ": only " + onHand
                    + " on hand");
        }
        onHand -= quantity;
        reserved = Math.addExact(reserved, quantity);
    }

    /** Moves reserved stock back to on hand (compensation). */
    public void releaseReserved(int quantity) {
        requirePositive(quantity);
        requireCounter(reserved, quantity, "reserved");
        reserved -= quantity;
        onHand = Math.addExact(onHand, quantity);
    }

    /** Moves reserved stock to sold (the order is confirmed). */
    public void commitReserved(int quantity) {
        requirePositive(quantity);
        requireCounter(reserved, quantity, "reserved");
        reserved -= quantity;
        sold = Math.addExact(sold, quantity);
    }

    /** Moves sold stock back to on hand (a confirmed order was cancelled). */
    public void returnSold(int quantity) {
        requirePositive(quantity);
        requireCounter(sold, quantity, "sold");
        sold -= quantity;
        onHand = Math.addExact(onHand, quantity);
    }

    public UUID id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal price() {
        return price;
    }

    /** Stock a customer can still order. */
    public int available() {
        return onHand;
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    public int sold() {
        return sold;
    }

    public long stockAdded() {
        return stockAdded;
    }

    private void requireCounter(int counter, int quantity, String counterName) {
        if (counter < quantity) {
            throw new IllegalStateException("cannot take " + quantity + " from " + counterName + " of " + sku
                    + ": only " + counter);
        }
    }

    private static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}

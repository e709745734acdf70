package dev.bazaar.cart.infrastructure;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.domain.CartStatus;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Row of table {@code cart} with its lines (table {@code cart_line}: product id to quantity). A change of the lines
 * also bumps the version, so every change of a cart is one versioned change.
 */
@Entity
@Table(name = "cart")
public class CartEntity {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CartStatus status;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "last_rejection", length = 4000)
    public String lastRejection;

    @ElementCollection
    @CollectionTable(name = "cart_line", joinColumns = @JoinColumn(name = "cart_id"))
    @MapKeyColumn(name = "product_id")
    @Column(name = "quantity", nullable = false)
    public Map<UUID, Integer> lines = new HashMap<>();

    @Version
    public Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Needs {@link #lines} fetched. */
    Cart toDomain() {
        return Cart.restore(id, customerId, status, orderId, lastRejection, lines);
    }

    /** Copies the cart's state; an unchanged cart leaves the entity clean, so no update and no version bump. */
    void copyFrom(Cart cart) {
        boolean changed = status != cart.status() || !Objects.equals(orderId, cart.orderId())
                || !Objects.equals(lastRejection, cart.lastRejection()) || !lines.equals(cart.lines());
        if (!changed) {
            return;
        }
        status = cart.status();
        orderId = cart.orderId();
        lastRejection = cart.lastRejection();
        // change the managed map in place, so Hibernate writes only the lines that differ
        lines.keySet().retainAll(cart.lines().keySet());
        cart.lines().forEach((productId, quantity) -> {
            if (!quantity.equals(lines.get(productId))) {
                lines.put(productId, quantity);
            }
        });
        updatedAt = Instant.now();
    }
}

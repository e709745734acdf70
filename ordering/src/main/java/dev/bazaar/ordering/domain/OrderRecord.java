package dev.bazaar.ordering.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An order as stored: the aggregate with the times it was placed and last changed, and the W3C trace context of the
 * request or message that placed it ({@code traceparent}; null if it was placed outside any trace or not read), so work
 * that no message causes, such as a deadline expiry, joins the order's trace.
 */
public record OrderRecord(Order order, Instant createdAt, Instant updatedAt, String traceparent) {

    public OrderRecord {
        Objects.requireNonNull(order, "order");
    }

    public OrderRecord(Order order, Instant createdAt, Instant updatedAt) {
        this(order, createdAt, updatedAt, null);
    }
}

package dev.bazaar.ordering.domain;

import java.time.Instant;
import java.util.Objects;

/** An order as stored: the aggregate with the times it was placed and last changed. */
public record OrderRecord(Order order, Instant createdAt, Instant updatedAt) {

    public OrderRecord {
        Objects.requireNonNull(order, "order");
    }
}

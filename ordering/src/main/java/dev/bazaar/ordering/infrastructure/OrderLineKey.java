package dev.bazaar.ordering.infrastructure;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of {@link OrderLineEntity}: the order and the line's position in it. */
public class OrderLineKey implements Serializable {

    public UUID orderId;
    public int lineNo;

    public OrderLineKey() {
    }

    public OrderLineKey(UUID orderId, int lineNo) {
        this.orderId = orderId;
        this.lineNo = lineNo;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderLineKey key && lineNo == key.lineNo && Objects.equals(orderId, key.orderId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, lineNo);
    }
}

package dev.bazaar.ordering.application;

import java.util.Objects;
import java.util.UUID;

/** Who asks: a customer sees and changes only their own orders, an administrator any. */
public record Viewer(UUID userId, boolean admin) {

    public Viewer {
        Objects.requireNonNull(userId, "userId");
    }

    public boolean maySee(UUID customerId) {
        return admin || userId.equals(customerId);
    }

    public String describe() {
        return (admin ? "admin " : "customer ") + userId;
    }
}

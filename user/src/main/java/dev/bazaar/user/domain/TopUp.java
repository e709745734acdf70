package dev.bazaar.user.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One credit top-up, kept forever: the sum of these per customer is the account's {@code toppedUp}. */
public final class TopUp {

    private final UUID id;
    private final UUID customerId;
    private final BigDecimal amount;
    private final Instant at;

    private TopUp(UUID id, UUID customerId, BigDecimal amount, Instant at) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = Money.positive(amount);
        this.at = Objects.requireNonNull(at, "at");
    }

    static TopUp of(UUID customerId, BigDecimal amount, Instant at) {
        return new TopUp(UUID.randomUUID(), customerId, amount, at);
    }

    /** Rebuilds a top-up from stored state. */
    public static TopUp restore(UUID id, UUID customerId, BigDecimal amount, Instant at) {
        return new TopUp(id, customerId, amount, at);
    }

    public UUID id() {
        return id;
    }

    public UUID customerId() {
        return customerId;
    }

    public BigDecimal amount() {
        return amount;
    }

    public Instant at() {
        return at;
    }
}

package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of an order's saga log: a transition, a message received or sent, or a reply that changed nothing.
 * This log is what an operator reads to learn what happened to an order.
 *
 * @param messageId the message received or sent, if the step is about one
 */
public record SagaStep(Instant at, String step, UUID messageId, String detail) {

    public SagaStep {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(step, "step");
    }
}

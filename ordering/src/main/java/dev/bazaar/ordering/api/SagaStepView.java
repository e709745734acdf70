package dev.bazaar.ordering.api;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.ordering.saga.SagaStep;

/** One entry of the saga log. */
public record SagaStepView(Instant at, String step, UUID messageId, String detail) {

    static SagaStepView of(SagaStep step) {
        return new SagaStepView(step.at(), step.step(), step.messageId(), step.detail());
    }
}

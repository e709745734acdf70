package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.events.MessageType;
import dev.bazaar.ordering.domain.Order;

/** Collects one {@link SagaDecision}; every transition writes its own "FROM -> TO" step. */
final class DecisionBuilder {

    private final Order before;
    private final Instant now;
    private final List<SagaStep> steps = new ArrayList<>();
    private final List<OutgoingMessage<?>> messages = new ArrayList<>();
    private Order after;

    DecisionBuilder(Order before, Instant now) {
        this.before = before;
        this.after = before;
        this.now = now;
    }

    /** A decision that creates {@code created}. */
    static DecisionBuilder creating(Order created, Instant now) {
        DecisionBuilder builder = new DecisionBuilder(null, now);
        builder.after = created;
        return builder;
    }

    Order current() {
        return after;
    }

    DecisionBuilder step(String step, UUID messageId, String detail) {
        steps.add(new SagaStep(now, step, messageId, detail));
        return this;
    }

    DecisionBuilder received(MessageType<?> type, UUID messageId, String detail) {
        return step("received " + type.type(), messageId, detail);
    }

    DecisionBuilder ignored(MessageType<?> type, UUID messageId, String why) {
        return step("ignored " + type.type(), messageId, why);
    }

    DecisionBuilder transition(Order next, String detail) {
        step(after.status() + " -> " + next.status(), null, detail);
        after = next;
        return this;
    }

    /** A change of the order that is not a change of state (e.g. one of two awaited replies arrived). */
    DecisionBuilder update(Order next) {
        after = next;
        return this;
    }

    <P> DecisionBuilder send(MessageType<P> type, P payload, String detail) {
        messages.add(new OutgoingMessage<>(type, payload, detail));
        return this;
    }

    SagaDecision build() {
        return new SagaDecision(before, after, steps, messages);
    }
}

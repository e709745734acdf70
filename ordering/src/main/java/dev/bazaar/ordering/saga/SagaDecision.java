package dev.bazaar.ordering.saga;

import java.util.List;
import java.util.Objects;

import dev.bazaar.ordering.domain.Order;

/**
 * What the saga decided for one input: the order's next value, the steps to append to its log and the messages to
 * send, all to be written in one transaction.
 *
 * @param before the order as it was; null when the decision creates it
 * @param after the order as it is to be stored (the same value when nothing changes)
 */
public record SagaDecision(Order before, Order after, List<SagaStep> steps, List<OutgoingMessage<?>> messages) {

    public SagaDecision {
        Objects.requireNonNull(after, "after");
        steps = List.copyOf(steps);
        messages = List.copyOf(messages);
    }

    public boolean createsOrder() {
        return before == null;
    }

    public boolean changesOrder() {
        return before == null || !before.equals(after);
    }

    /** Nothing to store and nothing to send: not even a log entry. */
    public boolean isNothing() {
        return !changesOrder() && steps.isEmpty() && messages.isEmpty();
    }
}

package dev.bazaar.ordering.saga;

import java.util.Objects;

import dev.bazaar.events.MessageType;

/**
 * A command or event the saga decided to send; it leaves through the outbox in the transaction of the decision.
 *
 * @param detail what the saga step log says about it
 */
public record OutgoingMessage<P>(MessageType<P> type, P payload, String detail) {

    public OutgoingMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}

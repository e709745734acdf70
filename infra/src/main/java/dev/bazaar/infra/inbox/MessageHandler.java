package dev.bazaar.infra.inbox;

import dev.bazaar.events.Envelope;
import io.smallrye.mutiny.Uni;

/** Applies one message. Runs inside the transaction that also records the message in the inbox. */
@FunctionalInterface
public interface MessageHandler<P> {

    Uni<Void> handle(P payload, Envelope envelope);
}

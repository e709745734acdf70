package dev.bazaar.infra.inbox;

import dev.bazaar.events.Envelope;

/** A message of a batch, its payload decoded and validated against its schema. */
public record Received<P>(P payload, Envelope envelope) {
}

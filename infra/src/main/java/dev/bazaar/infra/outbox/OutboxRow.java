package dev.bazaar.infra.outbox;

import java.util.UUID;

/** One pending outbox message as the relay reads it. */
record OutboxRow(long seq, UUID id, String routingKey, String type, String correlationId, String body) {
}

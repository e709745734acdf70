package dev.bazaar.infra.deadletter;

import java.util.List;

/** The dead letters of one incoming queue: how many wait in total, and the first ones grouped by message id. */
public record DeadLetterQueueView(String queue, String deadLetterQueue, long depth, List<DeadLetterView> messages) {
}

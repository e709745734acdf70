package dev.bazaar.infra.deadletter;

/** A queue this service consumes (its inbox name, the queue) and the queue its dead letters are parked in. */
public record IncomingQueue(String channel, String queue, String deadLetterQueue) {
}

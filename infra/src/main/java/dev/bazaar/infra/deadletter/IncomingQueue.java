package dev.bazaar.infra.deadletter;

/** A queue this service consumes through one incoming channel, and the queue its dead letters are parked in. */
public record IncomingQueue(String channel, String queue, String deadLetterQueue) {
}

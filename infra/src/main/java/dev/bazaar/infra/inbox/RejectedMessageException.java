package dev.bazaar.infra.inbox;

/** Thrown by a handler for a message that can never succeed: it is dead-lettered at once, without retries. */
public class RejectedMessageException extends RuntimeException {

    public RejectedMessageException(String reason) {
        super(reason);
    }
}

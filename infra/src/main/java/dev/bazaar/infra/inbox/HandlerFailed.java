package dev.bazaar.infra.inbox;

/** A handler's failure inside a batch, naming the one message it failed on. */
final class HandlerFailed extends RuntimeException {

    final transient DecodedMessage message;

    HandlerFailed(DecodedMessage message, Throwable cause) {
        super(cause.toString(), cause, false, false);
        this.message = message;
    }
}

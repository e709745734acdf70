package dev.bazaar.events;

/**
 * A message that can never be processed (bad JSON, unknown type, fails its schema). Redelivering it cannot help,
 * so consumers dead-letter it at once with {@link #getMessage()} as the reason.
 * Unchecked so that it can also leave lambdas and reactive pipelines unchanged.
 */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String reason) {
        super(reason);
    }

    public InvalidMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

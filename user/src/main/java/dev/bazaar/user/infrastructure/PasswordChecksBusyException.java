package dev.bazaar.user.infrastructure;

/**
 * A sign-up or login refused before its password was hashed or checked: as many bcrypt computations as the service
 * runs and queues are under way. Answered 503 with Retry-After, since the client did nothing wrong.
 */
public class PasswordChecksBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final long RETRY_AFTER_SECONDS = 1;

    public PasswordChecksBusyException() {
        super("The service is checking as many passwords as it can; try again in " + RETRY_AFTER_SECONDS + " s");
    }

    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}

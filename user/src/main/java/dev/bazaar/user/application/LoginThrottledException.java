package dev.bazaar.user.application;

import java.time.Duration;

/**
 * Login refused before the password was checked: too many failed attempts on this account. The same answer for a
 * registered and an unknown email.
 */
public class LoginThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public LoginThrottledException(Duration retryAfter) {
        this(seconds(retryAfter));
    }

    private LoginThrottledException(long retryAfterSeconds) {
        super("Too many failed logins for this account; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whole seconds, rounded up (a client retrying after the header's value must not be refused again). */
    private static long seconds(Duration wait) {
        long seconds = wait.toSeconds();
        return Math.max(1, wait.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }
}

package dev.bazaar.user.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The recent failed logins of one account, as every replica sees them. An attempt is counted as a failure before its
 * password is checked (a success forgets them all afterwards), so concurrent attempts cannot all slip in before the
 * first failure is recorded: at most {@link LoginThrottlePolicy#freeAttempts()} bcrypt checks run per account
 * before the lock, then one per lock period.
 *
 * @param failures    failed (or still running) attempts in a row
 * @param lastAttempt when the last of them started; null if none
 * @param lockedUntil no attempt before this instant reaches the password check; null if not locked
 */
public record FailedLogins(int failures, Instant lastAttempt, Instant lockedUntil) {

    public static FailedLogins none() {
        return new FailedLogins(0, null, null);
    }

    /** An attempt at {@code now}: refused while locked (and then nothing changes), otherwise counted. */
    public Attempt attempt(Instant now, LoginThrottlePolicy policy) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return new Attempt(this, Duration.between(now, lockedUntil));
        }
        boolean forgotten = lastAttempt == null || !lastAttempt.plus(policy.forgetAfter()).isAfter(now);
        int counted = (forgotten ? 0 : failures) + 1;
        Duration lock = policy.lockAfter(counted);
        return new Attempt(new FailedLogins(counted, now, lock.isZero() ? null : now.plus(lock)), Duration.ZERO);
    }

    /**
     * The outcome of one attempt.
     *
     * @param next       what to store
     * @param retryAfter how long the client must wait; zero if the attempt may check the password
     */
    public record Attempt(FailedLogins next, Duration retryAfter) {

        public boolean refused() {
            return !retryAfter.isZero();
        }
    }
}

package dev.bazaar.user.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed logins on one account are slowed down: the first {@code freeAttempts} in a row are answered at once;
 * the one that reaches that number locks the account for {@code initialDelay}, and every further one for twice the
 * previous time, up to {@code maxDelay}. Failures older than {@code forgetAfter} no longer count.
 */
public record LoginThrottlePolicy(int freeAttempts, Duration initialDelay, Duration maxDelay, Duration forgetAfter) {

    public LoginThrottlePolicy {
        if (freeAttempts < 1) {
            throw new IllegalArgumentException("freeAttempts must be at least 1");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
    }

    /** The lock that follows the {@code failures}-th failure in a row (zero before {@code freeAttempts}). */
    public Duration lockAfter(int failures) {
        if (failures < freeAttempts) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeAttempts, 40);
        Duration delay = initialDelay;
        for (int i = 0; i < doublings && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}

package dev.bazaar.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private static final LoginThrottlePolicy POLICY = new LoginThrottlePolicy(3, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofMinutes(10));
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void theFreeAttemptsPassAndTheLastOfThemLocksTheAccount() {
        FailedLogins logins = FailedLogins.none();
        for (int i = 1; i <= 3; i++) {
            FailedLogins.Attempt attempt = logins.attempt(T0, POLICY);
            assertThat(attempt.refused()).isFalse();
            logins = attempt.next();
        }
        assertThat(logins.failures()).isEqualTo(3);
        assertThat(logins.lockedUntil()).isEqualTo(T0.plusSeconds(1));

        FailedLogins.Attempt refused = logins.attempt(T0.plusMillis(400), POLICY);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(600));
        assertThat(refused.next()).isSameAs(logins);
    }

    @Test
    void eachFailureAfterALockDoublesTheNextLockUpToTheMaximum() {
        FailedLogins logins = new FailedLogins(3, T0, T0.plusSeconds(1));
        Instant now = T0;
        Duration[] expected = {Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
            Duration.ofSeconds(5)};
        for (Duration lock : expected) {
            now = logins.lockedUntil();
            FailedLogins.Attempt attempt = logins.attempt(now, POLICY);
            assertThat(attempt.refused()).isFalse();
            logins = attempt.next();
            assertThat(Duration.between(now, logins.lockedUntil())).isEqualTo(lock);
        }
        assertThat(POLICY.lockAfter(1_000_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void failuresOlderThanForgetAfterNoLongerCount() {
        FailedLogins logins = new FailedLogins(7, T0, T0.plusSeconds(5));

        FailedLogins.Attempt attempt = logins.attempt(T0.plus(Duration.ofMinutes(10)), POLICY);

        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.next().failures()).isEqualTo(1);
        assertThat(attempt.next().lockedUntil()).isNull();
    }
}

package dev.bazaar.user.infrastructure;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import dev.bazaar.user.domain.LoginThrottlePolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-account throttle on failed logins ({@link LoginThrottlePolicy}). */
@ConfigMapping(prefix = "bazaar.login")
public interface LoginThrottleConfig {

    /** Failed logins in a row an account gets without waiting; the last of them starts the first lock. */
    @WithDefault("5")
    @Min(1)
    int freeAttempts();

    /** The first lock; each further failed login doubles it. */
    @WithDefault("PT1S")
    Duration initialDelay();

    /** The longest lock. */
    @WithDefault("PT15M")
    Duration maxDelay();

    /** Failures older than this no longer count (keep it above max-delay); their rows are deleted. */
    @WithDefault("PT1H")
    Duration forgetAfter();

    /** How often rows older than forget-after are deleted. */
    @WithDefault("10m")
    Duration cleanupInterval();

    /** Most rows one cleanup statement deletes. */
    @WithDefault("1000")
    @Min(1)
    int cleanupBatchSize();

    default LoginThrottlePolicy policy() {
        return new LoginThrottlePolicy(freeAttempts(), initialDelay(), maxDelay(), forgetAfter());
    }
}

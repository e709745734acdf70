package dev.bazaar.user.infrastructure;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the user service. */
@ConfigMapping(prefix = "bazaar.user")
public interface UserConfig {

    /** How long an access token issued at login stays valid. */
    @WithDefault("PT1H")
    Duration tokenLifetime();

    /**
     * bcrypt work factor for new password hashes (each +1 doubles the time of a login). Stored hashes of a lower cost
     * are upgraded at their next successful login.
     */
    @WithDefault("12")
    @Min(4)
    @Max(31)
    int bcryptCost();

    /**
     * bcrypt computations run at once, each on its own worker thread (more than the cores only queue for them). With
     * {@link #bcryptQueue()} it bounds the CPU that sign-ups and logins of any number of accounts can take.
     */
    @WithDefault("2")
    @Min(1)
    int bcryptConcurrency();

    /**
     * bcrypt computations that may wait for a free thread; a request beyond that is refused at once with 503 and
     * Retry-After instead of piling up work the service could not finish in time.
     */
    @WithDefault("16")
    @Min(0)
    int bcryptQueue();

    /** The administrator created at start-up if missing. */
    Admin admin();

    /** Bootstrap administrator; nothing is created unless both email and password are set. */
    interface Admin {

        /** Email of the administrator to create at start-up. */
        Optional<String> email();

        /** Initial password of that administrator (from a secret, never from the repository). */
        Optional<String> password();

        /** Display name of that administrator. */
        @WithDefault("Administrator")
        String name();
    }
}

package dev.bazaar.infra.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Retry policy of message handlers. */
@ConfigMapping(prefix = "bazaar.inbox")
public interface InboxConfig {

    /** Attempts of a handler that fails for a transient reason before the message is dead-lettered. */
    @WithDefault("6")
    int maxAttempts();

    /** Backoff before the second attempt; doubles (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Upper bound of the backoff between attempts. */
    @WithDefault("5s")
    Duration maxBackoff();
}

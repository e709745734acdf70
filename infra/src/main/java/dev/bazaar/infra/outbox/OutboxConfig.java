package dev.bazaar.infra.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the outbox relay. */
@ConfigMapping(prefix = "bazaar.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay at all (a replica without one still writes outbox rows). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for rows that were committed but whose publish after commit did not complete. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Age after which the relay takes over a committed row: the committing code normally publishes and deletes it
     * within milliseconds, so only rows whose publish failed (broker down, process died) get this old.
     */
    @WithDefault("2s")
    Duration recoveryAge();

    /**
     * How often the rows confirmed after a publish-after-commit are deleted, all in one statement; well below the
     * recovery age, so the relay does not publish them again.
     */
    @WithDefault("100ms")
    Duration deleteInterval();

    /** Rows published per relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker's confirms of one batch before giving up and retrying it. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Delay before a failed batch is retried, so a broker outage does not turn into a busy loop. */
    @WithDefault("500ms")
    Duration retryDelay();
}

package dev.bazaar.infra.metrics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gauges that are refreshed by a periodic query instead of on the message path: each query is cheap (an index
 * lookup or a count over a small table, a passive queue declare) and runs on a timer of its own, so scraping
 * /q/metrics costs nothing and a slow database or broker delays only the gauge. The scheduler reads the same keys.
 */
@ConfigMapping(prefix = "bazaar.metrics")
public interface MetricsConfig {

    /** How often the outbox backlog gauges are refreshed (one count and one index lookup on outbox_message). */
    @WithDefault("5s")
    Duration outboxInterval();

    /**
     * Outbox rows younger than this are not counted as backlog: the committing code publishes its rows right after
     * the commit and deletes the confirmed ones every {@code bazaar.outbox.delete-interval} (100 ms), so on a healthy
     * service every row is gone well within it.
     */
    @WithDefault("1s")
    Duration outboxSettleTime();

    /** How often the depth of each dead-letter queue is read (one passive queue declare per queue). */
    @WithDefault("10s")
    Duration deadLetterInterval();

    /** How often ordering counts its orders in progress per state (one scan of the partial index of waiting orders). */
    @WithDefault("5s")
    Duration ordersInterval();
}

package dev.bazaar.ordering.saga;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Deadlines and sweeping of the order saga. */
@ConfigMapping(prefix = "bazaar.saga")
public interface SagaConfig {

    /** How long catalog has to answer stock.reserve before the order is rejected and its stock released. */
    @WithDefault("30s")
    Duration stockDeadline();

    /** How long user has to answer credit.reserve before the order is rejected and stock and credit released. */
    @WithDefault("30s")
    Duration creditDeadline();

    /** How long a cancellation waits for its releases before it sends the missing ones again (it never gives up). */
    @WithDefault("30s")
    Duration cancelRetry();

    /** How often the deadline sweeper looks for overdue orders (the scheduler reads the same key). */
    @WithDefault("1s")
    Duration sweepInterval();

    /** Overdue orders handled per sweep transaction; the rest wait for the next tick. */
    @WithDefault("100")
    int sweepBatch();
}

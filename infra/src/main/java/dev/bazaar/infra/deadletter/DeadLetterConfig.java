package dev.bazaar.infra.deadletter;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the dead-letter admin API. */
@ConfigMapping(prefix = "bazaar.dead-letters")
public interface DeadLetterConfig {

    /** Characters of a message body shown in a listing. */
    @WithDefault("300")
    int excerptLength();

    /**
     * A dead letter that has been put back this many times by listings is re-published as a fresh copy instead, so
     * a broker whose quorum queues count requeues against a delivery limit (RabbitMQ 4.0 to 4.2 default to 20) can
     * never drop it. Keep it well below any delivery limit a policy sets on the dead-letter queues.
     */
    @WithDefault("10")
    int refreshAfterDeliveries();

    /** Most dead letters one replay or discard of a single message id looks through. */
    @WithDefault("10000")
    int maxScan();

    /** How long a replay waits for the broker to confirm one message. */
    @WithDefault("10s")
    Duration confirmTimeout();
}

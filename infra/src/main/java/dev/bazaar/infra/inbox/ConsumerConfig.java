package dev.bazaar.infra.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service consumes its queues: in batches, each applied in one database transaction. */
@ConfigMapping(prefix = "bazaar.consumer")
public interface ConsumerConfig {

    /** Most deliveries applied in one transaction and acknowledged with one basic.ack. */
    @WithDefault("32")
    int batchSize();

    /** How long a batch that is not full waits for more deliveries once the consumer is idle. */
    @WithDefault("2ms")
    Duration batchWait();

    /** Unacknowledged deliveries the broker sends ahead (basic.qos), per consumer: room for the next batch. */
    @WithDefault("64")
    int prefetch();

    /** Consumers (channels) per queue, each applying its own batches. */
    @WithDefault("1")
    int consumersPerQueue();

    /** Deliveries of one message (a process dying on it each time) before the broker dead-letters it. */
    @WithDefault("20")
    int deliveryLimit();

    /**
     * Direct exchange this service's queues dead-letter into, routed by queue name to {@code <queue>.dlq}; one per
     * service ({@code DLX.<service>}), so that a service's broker user, which may write only to its own, cannot plant
     * a message in another service's dead-letter queues.
     */
    @WithDefault("DLX.${bazaar.service-name}")
    String deadLetterExchange();

    /** Pause between attempts to reconnect a consumer whose connection or channel died. */
    @WithDefault("1s")
    Duration reconnectInterval();
}

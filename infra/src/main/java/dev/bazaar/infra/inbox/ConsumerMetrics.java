package dev.bazaar.infra.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a queue's consumers report on /q/metrics: deliveries, batches and their sizes, and the basic.ack frames sent
 * for them (one per batch when nothing was split off), labelled by queue.
 */
final class ConsumerMetrics {

    private final Counter deliveries;
    private final Counter acks;
    private final DistributionSummary batchSize;

    ConsumerMetrics(MeterRegistry registry, String queue) {
        deliveries = Counter.builder("bazaar.consumer.deliveries").description("Messages delivered by the broker")
                .tag("queue", queue).register(registry);
        acks = Counter.builder("bazaar.consumer.acks").description("basic.ack frames sent to the broker")
                .tag("queue", queue).register(registry);
        batchSize = DistributionSummary.builder("bazaar.consumer.batch.size")
                .description("Deliveries applied together in one transaction").baseUnit("messages")
                .tag("queue", queue).register(registry);
    }

    void batch(int size) {
        deliveries.increment(size);
        batchSize.record(size);
    }

    void acked() {
        acks.increment();
    }
}

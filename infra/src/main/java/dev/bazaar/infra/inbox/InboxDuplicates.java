package dev.bazaar.infra.inbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Counts the deliveries the inbox dropped, by queue ({@code bazaar_inbox_duplicates_total}): copies of a message whose
 * inbox row existed already (a redelivery, a relay recovery, a replayed dead letter) or that came twice in one batch.
 * Counted only once the batch's transaction committed, so a batch that is rolled back and split counts nothing twice.
 * A steady rate says a producer publishes twice (relay recoveries) or a consumer keeps losing its acknowledgements.
 */
@ApplicationScoped
class InboxDuplicates {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    InboxDuplicates(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every queue's counter is there from the start, at zero, so a rate over it has data before a duplicate. */
    void onStart(@Observes StartupEvent event, @Any Instance<MessageRoutes> queues) {
        queues.forEach(routes -> counter(routes.queue()));
    }

    void dropped(String queue, int duplicates) {
        if (duplicates > 0) {
            counter(queue).increment(duplicates);
        }
    }

    private Counter counter(String queue) {
        return counters.computeIfAbsent(queue, name -> Counter.builder("bazaar.inbox.duplicates")
                .description("Deliveries dropped by the inbox because their message id was processed before")
                .tag("queue", name)
                .register(registry));
    }
}

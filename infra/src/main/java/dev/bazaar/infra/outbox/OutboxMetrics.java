package dev.bazaar.infra.outbox;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the relay reports on /q/metrics: how long a committed row waited until the broker confirmed it (the percentile
 * histogram lets a scraper compute p50/p99 over any interval from two scrapes), how many messages were confirmed and
 * how large their bodies are.
 */
@ApplicationScoped
class OutboxMetrics {

    private final Timer lag;
    private final Counter published;
    private final DistributionSummary size;
    private final Counter confirmWaits;

    OutboxMetrics(MeterRegistry registry) {
        lag = Timer.builder("bazaar.outbox.relay.lag")
                .description("From the outbox row's insert (created_at, clock_timestamp(), just before its transaction "
                        + "commits) to the broker's publisher confirm")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .serviceLevelObjectives(Duration.ofMillis(20))
                .register(registry);
        published = Counter.builder("bazaar.outbox.published")
                .description("Outbox messages the broker confirmed")
                .register(registry);
        size = DistributionSummary.builder("bazaar.outbox.message.size")
                .description("Body size of the confirmed outbox messages")
                .baseUnit("bytes")
                .register(registry);
        confirmWaits = Counter.builder("bazaar.outbox.publish.batches")
                .description("Batches of outbox messages published together and confirmed together (one wait each)")
                .register(registry);
    }

    void batchConfirmed() {
        confirmWaits.increment();
    }

    void confirmed(OutboxRow row, int bodyBytes, Instant confirmedAt) {
        lag.record(Duration.between(row.createdAt(), confirmedAt));
        published.increment();
        size.record(bodyBytes);
    }
}

package dev.bazaar.ordering.saga;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The saga on /q/metrics: how sagas end, by result and reason ({@code bazaar_saga_outcomes_total}), how long a saga
 * takes from placement to confirmation or rejection ({@code bazaar_saga_duration_seconds}) and how long each leg
 * takes ({@code bazaar_saga_leg_duration_seconds}), with percentile histograms so p50/p99 can be computed over any
 * window. Milestones are recorded only after the transaction that stored them committed, so a batch that rolls back
 * and is applied again counts once. Every label combination is registered at start, at zero.
 */
@ApplicationScoped
public class SagaMetrics {

    private final MeterRegistry registry;

    SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
        outcome("confirmed", "none");
        SagaMilestone.REASONS.forEach(reason -> outcome(reason.equals("cancelled") ? "cancelled" : "rejected",
                reason));
        for (String result : List.of("confirmed", "rejected")) {
            duration(result);
        }
        for (String leg : List.of("stock", "credit")) {
            for (String result : List.of("reserved", "rejected", "timed_out")) {
                leg(leg, result);
            }
        }
    }

    /** Records milestones whose transaction committed. */
    public void record(List<SagaMilestone> milestones) {
        for (SagaMilestone milestone : milestones) {
            if (milestone.leg() != null) {
                leg(milestone.leg(), milestone.legResult()).record(nonNegative(milestone.legDuration()));
            }
            if (milestone.result() != null) {
                outcome(milestone.result(), milestone.reason()).increment();
            }
            if (milestone.duration() != null) {
                duration(milestone.result()).record(nonNegative(milestone.duration()));
            }
        }
    }

    private Counter outcome(String result, String reason) {
        return Counter.builder("bazaar.saga.outcomes")
                .description("Sagas that ended, by result (confirmed, rejected, cancelled) and reason")
                .tag("result", result)
                .tag("reason", reason)
                .register(registry);
    }

    private Timer duration(String result) {
        return Timer.builder("bazaar.saga.duration")
                .description("From the order's placement to CONFIRMED or REJECTED")
                .tag("result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    private Timer leg(String leg, String result) {
        return Timer.builder("bazaar.saga.leg.duration")
                .description("One leg of the saga: stock (placed until catalog's answer or the stock deadline), "
                        + "credit (stock reserved until user's answer or the credit deadline)")
                .tag("leg", leg)
                .tag("result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}

package dev.bazaar.ordering.saga;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/** The time of a saga decision, at the precision PostgreSQL stores, so a stored value reads back unchanged. */
@ApplicationScoped
public class DecisionClock {

    private final Clock clock;

    DecisionClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

package dev.bazaar.ordering.saga;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the saga waits for each reply.
 *
 * @param stock catalog's answer to stock.reserve
 * @param credit user's answer to credit.reserve
 * @param cancelRetry the releases of a cancellation; when it passes, the missing releases are sent again
 */
public record SagaDeadlines(Duration stock, Duration credit, Duration cancelRetry) {

    public SagaDeadlines {
        requirePositive(stock, "stock");
        requirePositive(credit, "credit");
        requirePositive(cancelRetry, "cancelRetry");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " deadline must be positive, was " + duration);
        }
    }
}

package dev.bazaar.e2e.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed system: at most {@code sagas} orders in flight, counted end to end (placed and not yet terminal in
 * ordering's database), and a new one placed as soon as one finishes. A loop that only waited for the 202 would not
 * be closed at all: the saga runs after the answer, so it would flood the system at the HTTP layer's speed.
 */
final class ClosedLoop {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private ClosedLoop() {
    }

    static LoadResult run(OrderTraffic traffic, SagaProbe probe, int sagas, Duration window) throws SQLException {
        LoadResult result = new LoadResult();
        AtomicInteger answering = new AtomicInteger();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            long tick = System.nanoTime();
            // requests not answered yet have no order row yet, or a fresh one the count already saw: counting both
            // can only hold back a little, never exceed the cap
            long free = sagas - probe.inFlight() - answering.get();
            for (long i = 0; i < free; i++) {
                long sent = System.nanoTime();
                answering.incrementAndGet();
                result.sent.incrementAndGet();
                traffic.placeAsync().whenComplete((status, error) -> {
                    long micros = (System.nanoTime() - sent) / 1000;
                    if (error != null) {
                        result.failed(error, micros);
                    } else {
                        result.answered(status, micros);
                    }
                    answering.decrementAndGet();
                });
            }
            long rest = TICK_NANOS - (System.nanoTime() - tick);
            if (rest > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(rest);
            }
        }
        result.awaitAnswers(answering);
        return result;
    }
}

package dev.bazaar.e2e.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop arrivals: one scheduler thread sends order {@code i} at {@code start + i / rate}, whether or not earlier
 * orders were answered (sendAsync). That is how independent customers arrive; a closed loop would slow its arrivals
 * down exactly when the system is slow and hide it. A send that happens late (the scheduler or the whole machine
 * stalled) still measures its latency from the time it was due.
 */
final class OpenLoop {

    /** Bounds the client's outstanding requests; arrivals beyond it are counted as skipped, not silently delayed. */
    static final int MAX_OUTSTANDING = 5000;

    private OpenLoop() {
    }

    static LoadResult run(OrderTraffic traffic, int rate, Duration window) {
        return run(traffic, elapsed -> rate, window);
    }

    /**
     * Arrivals whose rate climbs linearly from {@code from} to {@code to} per second over the window: the warm-up, so
     * the services' JIT compiles the hot paths before full load arrives instead of while a backlog builds.
     */
    static LoadResult ramp(OrderTraffic traffic, int from, int to, Duration window) {
        double seconds = window.toNanos() / 1e9;
        return run(traffic, elapsed -> from + (to - from) * Math.min(1, elapsed / seconds), window);
    }

    private static LoadResult run(OrderTraffic traffic, DoubleUnaryOperator ratePerSecondAt, Duration window) {
        LoadResult result = new LoadResult();
        AtomicInteger outstanding = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        long due = start;
        while (due < end) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long scheduled = due;
            due += (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecondAt.applyAsDouble((due - start) / 1e9));
            result.lateSendMicrosMax = Math.max(result.lateSendMicrosMax, (System.nanoTime() - scheduled) / 1000.0);
            if (outstanding.get() >= MAX_OUTSTANDING) {
                result.skipped.incrementAndGet();
                continue;
            }
            outstanding.incrementAndGet();
            result.sent.incrementAndGet();
            traffic.placeAsync().whenComplete((status, error) -> {
                long micros = (System.nanoTime() - scheduled) / 1000;
                if (error != null) {
                    result.failed(error, micros);
                } else {
                    result.answered(status, micros);
                }
                outstanding.decrementAndGet();
            });
        }
        result.awaitAnswers(outstanding);
        return result;
    }
}

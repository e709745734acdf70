package dev.bazaar.e2e.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * What the load generator saw in one window: requests sent, answered 2xx, answered otherwise or not at all, and the
 * HTTP latency histogram in microseconds (open loop: from the scheduled send time, so a stalled client or server
 * cannot hide its stall - no coordinated omission).
 */
final class LoadResult {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Open loop only: arrivals not sent because the client already had its maximum of requests outstanding. */
    final AtomicLong skipped = new AtomicLong();
    final Histogram http = new SynchronizedHistogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
    final Map<String, Long> failures = new ConcurrentHashMap<>();
    volatile double lateSendMicrosMax;

    void answered(int status, long micros) {
        http.recordValue(Math.max(0, Math.min(micros, http.getHighestTrackableValue())));
        if (status / 100 == 2) {
            accepted.incrementAndGet();
        } else {
            failed.incrementAndGet();
            failures.merge("HTTP " + status, 1L, Long::sum);
        }
    }

    void failed(Throwable error, long micros) {
        http.recordValue(Math.max(0, Math.min(micros, http.getHighestTrackableValue())));
        failed.incrementAndGet();
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        failures.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
    }
}

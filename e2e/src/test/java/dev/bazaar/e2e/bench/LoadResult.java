package dev.bazaar.e2e.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * What the load generator saw in one window: requests sent, answered 2xx, answered otherwise or not at all, and the
 * HTTP latency histogram in microseconds (open loop: from the scheduled send time, so a stalled client or server
 * cannot hide its stall - no coordinated omission).
 */
final class LoadResult {

    /** How long the end of a window waits for the answers to its last requests. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Open loop only: arrivals not sent because the client already had its maximum of requests outstanding. */
    final AtomicLong skipped = new AtomicLong();
    final Histogram http = new SynchronizedHistogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
    final Map<String, Long> failures = new ConcurrentHashMap<>();
    volatile double lateSendMicrosMax;
    /** Set when the window stops waiting for answers: one that still comes is not counted twice. */
    private volatile boolean closed;

    /**
     * Waits for the answers to the requests still outstanding at the end of the window, at most {@link #ANSWER_WAIT}
     * (an order request is answered in well under a second even past the knee); a request without an answer by then
     * counts as failed, "no answer". Before, the window waited up to 60 s for such a request, and that idle time was
     * charged to the window's drain and CPU per order.
     */
    void awaitAnswers(AtomicInteger outstanding) {
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        closed = true;
        int unanswered = outstanding.get();
        if (unanswered > 0) {
            failed.addAndGet(unanswered);
            failures.merge("no answer within " + ANSWER_WAIT.toSeconds() + " s", (long) unanswered, Long::sum);
        }
    }

    void answered(int status, long micros) {
        if (closed) {
            return;
        }
        http.recordValue(Math.max(0, Math.min(micros, http.getHighestTrackableValue())));
        if (status / 100 == 2) {
            accepted.incrementAndGet();
        } else {
            failed.incrementAndGet();
            failures.merge("HTTP " + status, 1L, Long::sum);
        }
    }

    void failed(Throwable error, long micros) {
        if (closed) {
            return;
        }
        http.recordValue(Math.max(0, Math.min(micros, http.getHighestTrackableValue())));
        failed.incrementAndGet();
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        failures.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
    }
}

package dev.bazaar.infra.http;

import java.util.Map;

/**
 * An error of infra's own HTTP pieces (Idempotency-Key, dead-letter administration) that the client can act on;
 * rendered as an RFC 9457 problem with this status, title and detail. Services throw plain exceptions instead and
 * map them in their {@code api} package.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Response headers sent with the problem (a 429 or 503 says when to retry with {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, what + " not found", "No " + what.toLowerCase() + " with id " + id);
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(409, title, detail);
    }
}

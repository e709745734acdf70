package dev.bazaar.infra.http;

/** An error the client can act on; rendered as an RFC 9457 problem with this status, title and detail. */
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

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, what + " not found", "No " + what.toLowerCase() + " with id " + id);
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(409, title, detail);
    }
}

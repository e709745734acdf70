package dev.bazaar.user.infrastructure;

import java.util.Map;

import dev.bazaar.infra.http.ProblemException;

/**
 * A sign-up or login refused before its password was hashed or checked: as many bcrypt computations as the service
 * runs and queues are under way. Answered 503 with Retry-After, since the client did nothing wrong.
 */
public class PasswordChecksBusyException extends ProblemException {

    private static final long serialVersionUID = 1L;
    private static final String RETRY_AFTER_SECONDS = "1";

    public PasswordChecksBusyException() {
        super(503, "Too many password checks", "The service is checking as many passwords as it can; try again in "
                + RETRY_AFTER_SECONDS + " s");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", RETRY_AFTER_SECONDS);
    }
}

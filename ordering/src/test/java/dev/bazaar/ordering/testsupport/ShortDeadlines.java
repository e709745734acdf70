package dev.bazaar.ordering.testsupport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Deadlines of a few seconds, so tests can watch the sweeper time orders out. */
public class ShortDeadlines implements QuarkusTestProfile {

    public static final int STOCK_SECONDS = 3;
    public static final int CREDIT_SECONDS = 3;
    public static final int CANCEL_RETRY_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "bazaar.saga.stock-deadline", STOCK_SECONDS + "s",
                "bazaar.saga.credit-deadline", CREDIT_SECONDS + "s",
                "bazaar.saga.cancel-retry", CANCEL_RETRY_SECONDS + "s");
    }
}

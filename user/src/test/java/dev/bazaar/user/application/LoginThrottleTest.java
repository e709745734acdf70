package dev.bazaar.user.application;

import static dev.bazaar.user.testsupport.UserApi.PASSWORD;
import static dev.bazaar.user.testsupport.UserApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.user.testsupport.UserApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The per-account throttle on failed logins (5 free attempts, then a lock of 30 s in the test profile). */
@QuarkusTest
class LoginThrottleTest {

    /** The row key, computed by the database from the email as the service is documented to key it. */
    private static final String ACCOUNT = "encode(sha256(convert_to(lower(?), 'UTF8')), 'hex')";

    @Inject
    LoginThrottle throttle;

    @Test
    void theFifthFailedLoginLocksTheAccountAndThenEvenTheRightPasswordGets429WithRetryAfter() {
        String email = UserApi.uniqueEmail("guessed");
        UserApi.register(email);
        for (int i = 0; i < 5; i++) {
            login(email, "guess " + i).then().statusCode(401);
        }

        Response refused = login(email, PASSWORD);

        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too many failed logins"))
                .body("detail", startsWith("Too many failed logins for this account; try again in "));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 30L);
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeARegisteredOne() {
        String registered = UserApi.uniqueEmail("known");
        UserApi.register(registered);
        String unknown = UserApi.uniqueEmail("unknown");

        List<Integer> knownStatuses = new ArrayList<>();
        List<Integer> unknownStatuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            knownStatuses.add(login(registered, "guess").statusCode());
            unknownStatuses.add(login(unknown, "guess").statusCode());
        }

        assertThat(knownStatuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
        assertThat(unknownStatuses).isEqualTo(knownStatuses);
        assertThat(login(unknown, "guess").path("title").toString())
                .isEqualTo(login(registered, "guess").path("title").toString());
    }

    @Test
    void aBurstOfConcurrentGuessesReachesThePasswordCheckOnlyForTheFreeAttempts() throws Exception {
        String email = UserApi.uniqueEmail("burst");
        UserApi.register(email);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "guess " + i;
                guesses.add(() -> login(email, guess).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(guesses)) {
                statuses.add(status.get());
            }

            // a 401 is an answer from bcrypt; a 429 was refused before it
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(5);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        String email = UserApi.uniqueEmail("forgetful");
        UserApi.register(email);
        for (int i = 0; i < 4; i++) {
            login(email, "guess").then().statusCode(401);
        }

        UserApi.login(email, PASSWORD);

        assertThat(TestDatabase.count("select count(*) from login_throttle where account = " + ACCOUNT, email))
                .isZero();
        for (int i = 0; i < 4; i++) {
            login(email, "guess").then().statusCode(401);
        }
    }

    @Test
    void theLockLivesInTheDatabaseSoEveryReplicaHonoursIt() {
        String email = UserApi.uniqueEmail("replicas");
        UserApi.register(email);
        // as another replica would have left it after five failures
        TestDatabase.update("insert into login_throttle (account, failures, last_attempt_at, locked_until) "
                + "values (" + ACCOUNT + ", 5, now(), now() + interval '2 minutes')", email);

        Response refused = login(email, PASSWORD);
        refused.then().statusCode(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(110L, 120L);

        TestDatabase.update("update login_throttle set locked_until = now() - interval '1 second' where account = "
                + ACCOUNT, email);
        UserApi.login(email, PASSWORD);
    }

    @Test
    void rowsNobodyTouchedForForgetAfterAreDeleted() {
        String old = UserApi.uniqueEmail("old");
        String recent = UserApi.uniqueEmail("recent");
        TestDatabase.update("insert into login_throttle (account, failures, last_attempt_at) values (" + ACCOUNT
                + ", 3, now() - interval '2 hours')", old);
        TestDatabase.update("insert into login_throttle (account, failures, last_attempt_at) values (" + ACCOUNT
                + ", 3, now() - interval '5 minutes')", recent);

        throttle.forgetOldAttempts().await().atMost(Duration.ofSeconds(10));

        assertThat(TestDatabase.count("select count(*) from login_throttle where account = " + ACCOUNT, old))
                .isZero();
        assertThat(TestDatabase.count("select count(*) from login_throttle where account = " + ACCOUNT, recent))
                .isOne();
    }

    private static Response login(String email, String password) {
        return json().body(Map.of("email", email, "password", password)).post("/auth/login");
    }
}

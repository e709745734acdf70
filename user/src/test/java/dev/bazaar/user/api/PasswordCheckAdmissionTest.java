package dev.bazaar.user.api;

import static dev.bazaar.user.testsupport.UserApi.PASSWORD;
import static dev.bazaar.user.testsupport.UserApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.user.testsupport.UserApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * bcrypt is reachable only at a bounded rate, however many accounts a flood spreads over: the service hashes
 * {@code bcrypt-concurrency} (2) passwords at a time with {@code bcrypt-queue} (16) waiting, and refuses the rest at
 * once with 503 problem details and Retry-After, storing nothing for them.
 */
@QuarkusTest
class PasswordCheckAdmissionTest {

    private static final int BURST = 48;
    private static final int ADMITTED = 2 + 16;

    @Test
    void aFloodOfSignUpsOverManyAccountsIsAdmittedOnlyUpToTheBcryptBoundAndTheRestGets503() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(BURST);
        List<String> emails = new ArrayList<>();
        List<Future<Response>> answers = new ArrayList<>();
        try {
            List<Callable<Response>> signUps = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String email = UserApi.uniqueEmail("flood");
                emails.add(email);
                signUps.add(() -> json().body(Map.of("email", email, "name", "Flood", "password", PASSWORD))
                        .post("/users"));
            }
            answers.addAll(clients.invokeAll(signUps));
        } finally {
            clients.shutdownNow();
        }

        List<String> created = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            Response answer = answers.get(i).get();
            if (answer.statusCode() == 201) {
                created.add(emails.get(i));
            } else {
                assertThat(answer.statusCode()).as("answer to sign-up %d", i).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.path("title").toString()).isEqualTo("Too many password checks");
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                refused.add(emails.get(i));
            }
        }
        // all requests arrive within a fraction of one hash's time: the first ADMITTED are taken, the rest refused
        assertThat(refused).isNotEmpty();
        assertThat(created).hasSizeGreaterThanOrEqualTo(ADMITTED);
        for (String email : refused) {
            assertThat(TestDatabase.count("select count(*) from customer where email = ?", email))
                    .as("a refused sign-up stores nothing").isZero();
        }
        for (String email : created) {
            assertThat(TestDatabase.count("select count(*) from customer where email = ?", email)).isEqualTo(1);
        }
        // once the flood is over the service hashes again
        UserApi.register(UserApi.uniqueEmail("after-flood"));
    }
}

package dev.bazaar.user.api;

import static dev.bazaar.user.testsupport.UserApi.PASSWORD;
import static dev.bazaar.user.testsupport.UserApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.user.UserRegistered;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.user.testsupport.UserApi;
import dev.bazaar.user.testsupport.UserDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SignUpAndLoginTest {

    @Test
    void customerSignsUpLogsInSeesThemselvesAndGetsToppedUpByAnAdmin() {
        String email = UserApi.uniqueEmail("ann");

        Response created = json().body(Map.of("email", email, "name", "Ann Example", "password", PASSWORD))
                .post("/users");
        created.then().statusCode(201)
                .body("email", equalTo(email))
                .body("name", equalTo("Ann Example"))
                .body("role", equalTo("CUSTOMER"));
        UUID id = UUID.fromString(created.path("id"));
        assertThat(created.header("Location")).endsWith("/users/" + id);

        Response login = json().body(Map.of("email", email, "password", PASSWORD)).post("/auth/login");
        login.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(3600));
        String token = login.path("accessToken");

        json().auth().oauth2(token).get("/users/me").then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("email", equalTo(email))
                .body("name", equalTo("Ann Example"))
                .body("role", equalTo("CUSTOMER"))
                .body("credit.balance", equalTo("0.00"))
                .body("credit.held", equalTo("0.00"))
                .body("credit.captured", equalTo("0.00"));

        String adminToken = UserApi.login("admin@bazaar.test", "test-only-admin-password");
        json().auth().oauth2(adminToken).body(Map.of("amount", new BigDecimal("125.50")))
                .post("/users/{id}/credit/top-ups", id)
                .then().statusCode(200)
                .body("customerId", equalTo(id.toString()))
                .body("balance", equalTo("125.50"))
                .body("held", equalTo("0.00"))
                .body("captured", equalTo("0.00"));

        json().auth().oauth2(token).get("/users/me").then().statusCode(200)
                .body("credit.balance", equalTo("125.50"));
        assertThat(UserDatabase.decimal("select topped_up from credit_account where customer_id = ?", id))
                .isEqualByComparingTo("125.50");
        assertThat(UserDatabase.scalar("select count(*) from top_up where customer_id = ?", id)).isEqualTo(1L);
    }

    @Test
    void loginIsCaseInsensitiveOnTheEmailAndTheTokenCarriesTheUser() {
        String email = UserApi.uniqueEmail("case");
        UUID id = UserApi.register(email.toUpperCase());

        String token = UserApi.login(email, PASSWORD);

        json().auth().oauth2(token).get("/users/me").then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("email", equalTo(email));
    }

    @Test
    void passwordIsStoredAsABcryptHashNeverInPlainText() {
        String email = UserApi.uniqueEmail("hash");
        UserApi.register(email);

        String hash = (String) UserDatabase.scalar("select password_hash from customer where email = ?", email);

        assertThat(hash).isNotEqualTo(PASSWORD).doesNotContain(PASSWORD).startsWith("$2a$12$");
        assertThat(BCrypt.verifyer().verify(PASSWORD.toCharArray(), hash).verified).isTrue();
        assertThat(BCrypt.verifyer().verify("wrong password".toCharArray(), hash).verified).isFalse();
    }

    @Test
    void aHashOfALowerCostStillLogsInAndIsUpgradedAtThatLogin() {
        String email = UserApi.uniqueEmail("upgrade");
        UserApi.register(email);
        String oldHash = new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(10, PASSWORD.getBytes(
                StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        TestDatabase.update("update customer set password_hash = ? where email = ?", oldHash, email);

        json().body(Map.of("email", email, "password", "not the password")).post("/auth/login")
                .then().statusCode(401);
        assertThat(UserDatabase.scalar("select password_hash from customer where email = ?", email)).isEqualTo(oldHash);

        UserApi.login(email, PASSWORD);

        String upgraded = (String) UserDatabase.scalar("select password_hash from customer where email = ?", email);
        assertThat(upgraded).startsWith("$2a$12$");
        assertThat(BCrypt.verifyer().verify(PASSWORD.toCharArray(), upgraded).verified).isTrue();
        UserApi.login(email, PASSWORD);
    }

    @Test
    void signUpPublishesUserRegisteredOnUserEvents() {
        try (TestBroker broker = TestBroker.connect();
                Collector events = broker.collect("user.events", "user.registered")) {
            String email = UserApi.uniqueEmail("event");

            UUID id = UserApi.register(email);

            Envelope envelope = events.awaitEnvelope(e -> e.aggregateId().equals(id.toString()));
            assertThat(envelope.type()).isEqualTo("user.registered");
            assertThat(envelope.source()).isEqualTo("user");
            assertThat(new MessageCodec().payload(envelope, Contracts.USER_REGISTERED))
                    .isEqualTo(new UserRegistered(id, email, "Test Customer"));
        }
    }

    @Test
    void duplicateEmailInAnyCaseIsAConflictAndCreatesNothing() {
        String email = UserApi.uniqueEmail("dup");
        UserApi.register(email);
        Map<String, Object> before = UserDatabase.snapshot();

        json().body(Map.of("email", email.toUpperCase(), "name", "Someone Else", "password", "another password"))
                .post("/users")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("title", equalTo("Email already registered"))
                .body("detail", equalTo("An account with email " + email + " already exists"));

        assertThat(UserDatabase.snapshot()).isEqualTo(before);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        String email = UserApi.uniqueEmail("wrong");
        UserApi.register(email);

        for (Map<String, String> attempt : List.of(
                Map.of("email", email, "password", "not the password"),
                Map.of("email", "nobody-" + email, "password", PASSWORD))) {
            json().body(attempt).post("/auth/login")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401))
                    .body("detail", equalTo("invalid email or password"));
        }
    }

    @Test
    void passwordsLongerThanBcryptsSeventyTwoBytesStillCountEveryCharacter() {
        String email = UserApi.uniqueEmail("long");
        String longPassword = "x".repeat(100) + "tail";
        json().body(Map.of("email", email, "name", "Long Password", "password", longPassword))
                .post("/users").then().statusCode(201);

        UserApi.login(email, longPassword);
        json().body(Map.of("email", email, "password", "x".repeat(100) + "TAIL")).post("/auth/login")
                .then().statusCode(401);
    }

    @Test
    void bootstrapAdministratorExistsOnceAndCanLogIn() {
        String token = UserApi.login("ADMIN@bazaar.test", "test-only-admin-password");

        json().auth().oauth2(token).get("/users/me").then().statusCode(200)
                .body("email", equalTo("admin@bazaar.test"))
                .body("name", equalTo("Test Administrator"))
                .body("role", equalTo("ADMIN"));
        assertThat(UserDatabase.scalar("select count(*) from customer where lower(email) = 'admin@bazaar.test'"))
                .isEqualTo(1L);
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8)).contains("\"groups\":[\"admin\"]").contains("\"iss\":\"bazaar\"");
    }

    @Test
    void topUpWithTheSameIdempotencyKeyAddsCreditOnce() {
        UUID id = UserApi.register(UserApi.uniqueEmail("idem"));
        String key = UUID.randomUUID().toString();

        for (int attempt = 0; attempt < 3; attempt++) {
            json().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                    .body(Map.of("amount", new BigDecimal("40.00")))
                    .post("/users/{id}/credit/top-ups", id)
                    .then().statusCode(200)
                    .body("balance", equalTo("40.00"));
        }
        json().auth().oauth2(TestTokens.admin()).header("Idempotency-Key", key)
                .body(Map.of("amount", new BigDecimal("41.00")))
                .post("/users/{id}/credit/top-ups", id)
                .then().statusCode(422)
                .body("detail", startsWith("Idempotency-Key '" + key + "' was already used"));

        assertThat(UserDatabase.scalar("select count(*) from top_up where customer_id = ?", id)).isEqualTo(1L);
        assertThat(UserApi.credit(id).sameAs(UserApi.Credit.of("40.00", "0", "0"))).isTrue();
    }

    @Test
    void signUpRetriedWithTheSameIdempotencyKeyReturnsTheFirstUser() {
        String email = UserApi.uniqueEmail("retry");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("email", email, "name", "Retry", "password", PASSWORD);

        String first = json().header("Idempotency-Key", key).body(body).post("/users")
                .then().statusCode(201).extract().path("id");
        json().header("Idempotency-Key", key).body(body).post("/users")
                .then().statusCode(201).body("id", equalTo(first));
        json().header("Idempotency-Key", key)
                .body(Map.of("email", UserApi.uniqueEmail("other"), "name", "Other", "password", PASSWORD))
                .post("/users")
                .then().statusCode(422).body("title", equalTo("Idempotency-Key reused"));

        assertThat(UserDatabase.scalar("select count(*) from customer where email = ?", email)).isEqualTo(1L);
    }
}

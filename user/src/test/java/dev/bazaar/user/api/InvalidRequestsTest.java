package dev.bazaar.user.api;

import static dev.bazaar.user.testsupport.UserApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.user.testsupport.UserApi;
import dev.bazaar.user.testsupport.UserDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every bad request gets a problem+json 4xx that says what is wrong, and changes nothing in the database. */
@QuarkusTest
class InvalidRequestsTest {

    private static final String PROBLEM = "application/problem+json";

    private UUID customer;
    private Map<String, Object> before;

    @BeforeEach
    void snapshot() {
        customer = UserApi.registerWithCredit("invalid", "10.00");
        before = UserDatabase.snapshot();
    }

    @AfterEach
    void databaseIsUnchanged() {
        assertThat(UserDatabase.snapshot()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsRejected() {
        json().body("{\"email\": \"broken@example.test\", ").post("/users")
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed request"))
                .body("detail", equalTo("The request body is not valid JSON for this endpoint"));
    }

    @Test
    void missingBodyIsRejected() {
        json().post("/users").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void missingFieldsAreEachNamed() {
        problem(json().body(Map.of()).post("/users").then(), 400)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void invalidEmailIsRejected() {
        problem(signUp("not-an-email", "Name", "long enough password"), 400)
                .body("errors[0].field", equalTo("email"))
                .body("detail", containsString("email: must be a well-formed email address"));
    }

    @Test
    void shortPasswordIsRejected() {
        problem(signUp(UserApi.uniqueEmail("short"), "Name", "1234567"), 400)
                .body("errors[0].field", equalTo("password"))
                .body("detail", containsString("password: size must be between 8 and 128"));
    }

    @Test
    void overlongNameIsRejected() {
        problem(signUp(UserApi.uniqueEmail("name"), "n".repeat(101), "long enough password"), 400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void blankNameIsRejected() {
        problem(signUp(UserApi.uniqueEmail("blank"), "   ", "long enough password"), 400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void wrongTypeIsNamed() {
        json().body("{\"email\": [1, 2], \"name\": \"N\", \"password\": \"long enough password\"}").post("/users")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("Field 'email' has the wrong type or format"));
    }

    @Test
    void loginWithoutPasswordIsRejected() {
        problem(json().body(Map.of("email", "x@example.test")).post("/auth/login").then(), 400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void negativeTopUpIsRejected() {
        problem(topUp(customer, "-5.00"), 400)
                .body("errors[0].field", equalTo("amount"))
                .body("detail", containsString("amount: must be greater than 0"));
    }

    @Test
    void zeroTopUpIsRejected() {
        problem(topUp(customer, "0"), 400).body("errors[0].field", equalTo("amount"));
    }

    @Test
    void topUpWithFractionsOfACentIsRejected() {
        problem(topUp(customer, "1.005"), 400).body("errors[0].field", equalTo("amount"));
    }

    @Test
    void topUpWithoutAmountIsRejected() {
        problem(json().auth().oauth2(TestTokens.admin()).body(Map.of())
                .post("/users/{id}/credit/top-ups", customer).then(), 400)
                .body("errors[0].field", equalTo("amount"));
    }

    @Test
    void topUpOfUnknownUserIsNotFound() {
        UUID unknown = UUID.randomUUID();
        problem(topUp(unknown, "5.00"), 404)
                .body("title", equalTo("User not found"))
                .body("detail", equalTo("No user with id " + unknown));
    }

    @Test
    void unknownUserIsNotFound() {
        UUID unknown = UUID.randomUUID();
        problem(json().auth().oauth2(TestTokens.admin()).get("/users/{id}", unknown).then(), 404)
                .body("detail", equalTo("No user with id " + unknown));
    }

    @Test
    void tokenOfAUserThatDoesNotExistFindsNoProfile() {
        UUID unknown = UUID.randomUUID();
        problem(json().auth().oauth2(TestTokens.customer(unknown)).get("/users/me").then(), 404);
    }

    private static ValidatableResponse signUp(String email, String name, String password) {
        return json().body(Map.of("email", email, "name", name, "password", password)).post("/users").then();
    }

    private static ValidatableResponse topUp(UUID id, String amount) {
        return json().auth().oauth2(TestTokens.admin())
                .body("{\"amount\": " + amount + "}")
                .post("/users/{id}/credit/top-ups", id).then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(PROBLEM).body("status", equalTo(status));
    }
}

package dev.bazaar.user.testsupport;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.infra.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The user service's HTTP API as a client uses it, for arranging test fixtures in one line. */
public final class UserApi {

    public static final String PASSWORD = "correct horse battery";

    private UserApi() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Signs a customer up and returns their id. */
    public static UUID register(String email) {
        String id = json().body(Map.of("email", email, "name", "Test Customer", "password", PASSWORD))
                .post("/users")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID registerWithCredit(String prefix, String amount) {
        UUID id = register(uniqueEmail(prefix));
        topUp(id, amount);
        return id;
    }

    public static String login(String email, String password) {
        return json().body(Map.of("email", email, "password", password))
                .post("/auth/login")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    public static void topUp(UUID userId, String amount) {
        json().auth().oauth2(TestTokens.admin())
                .body(Map.of("amount", amount))
                .post("/users/{id}/credit/top-ups", userId)
                .then().statusCode(200);
    }

    /** {balance, held, captured} of a user, read through the admin API. */
    public static Credit credit(UUID userId) {
        var json = given().auth().oauth2(TestTokens.admin())
                .get("/users/{id}", userId)
                .then().statusCode(200)
                .extract().jsonPath();
        return Credit.of(json.getString("credit.balance"), json.getString("credit.held"),
                json.getString("credit.captured"));
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A user's money as the API shows it. */
    public record Credit(BigDecimal balance, BigDecimal held, BigDecimal captured) {

        public static Credit of(String balance, String held, String captured) {
            return new Credit(new BigDecimal(balance), new BigDecimal(held), new BigDecimal(captured));
        }

        /** Equal amounts regardless of scale (100 and 100.00). */
        public boolean sameAs(Credit other) {
            return balance.compareTo(other.balance) == 0 && held.compareTo(other.held) == 0
                    && captured.compareTo(other.captured) == 0;
        }
    }
}

package dev.bazaar.user.api;

import static dev.bazaar.user.testsupport.UserApi.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.user.testsupport.UserApi;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthorizationTest {

    @Test
    void profileWithoutTokenIs401() {
        given().get("/users/me").then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        UUID id = UserApi.register(UserApi.uniqueEmail("expired"));
        given().auth().oauth2(TestTokens.expired(id)).get("/users/me").then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        UUID id = UserApi.register(UserApi.uniqueEmail("forged"));
        given().auth().oauth2(TestTokens.signedByOtherKey(id)).get("/users/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByOtherKey(id)).get("/users/{id}", id).then().statusCode(401);
    }

    @Test
    void garbageTokenIs401() {
        given().auth().oauth2("not.a.jwt").get("/users/me").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/users/me").then().statusCode(401);
    }

    @Test
    void adminEndpointsWithoutTokenAre401() {
        UUID id = UUID.randomUUID();
        given().get("/users/{id}", id).then().statusCode(401);
        json().body(Map.of("amount", 5)).post("/users/{id}/credit/top-ups", id).then().statusCode(401);
    }

    @Test
    void customerCannotUseAdminEndpoints() {
        String email = UserApi.uniqueEmail("nosy");
        UUID self = UserApi.register(email);
        UUID other = UserApi.register(UserApi.uniqueEmail("other"));
        String token = UserApi.login(email, UserApi.PASSWORD);

        given().auth().oauth2(token).get("/users/{id}", other).then().statusCode(403);
        given().auth().oauth2(token).get("/users/{id}", self).then().statusCode(403);
        json().auth().oauth2(token).body(Map.of("amount", 1000)).post("/users/{id}/credit/top-ups", self)
                .then().statusCode(403);

        assertThat(UserApi.credit(self).sameAs(UserApi.Credit.of("0", "0", "0"))).isTrue();
    }

    @Test
    void customerTokenMintedElsewhereIsAcceptedForTheirOwnProfile() {
        String email = UserApi.uniqueEmail("minted");
        UUID id = UserApi.register(email);

        given().auth().oauth2(TestTokens.customer(id, email)).get("/users/me")
                .then().statusCode(200).body("id", equalTo(id.toString()));
    }
}

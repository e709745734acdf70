package dev.bazaar.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.PackagedAppKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged artifact (target/quarkus-app here; the native executable under -Dnative) started as its own process in
 * the prod profile against a fresh database and vhost: it becomes ready and serves its API.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LocalServices.class)
@QuarkusTestResource(value = PackagedAppKeys.class, restrictToAnnotatedClass = true)
class UserPackagedIT {

    @Test
    void packagedServiceIsLiveAndReadyWithDatabaseAndBroker() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void signsUpAndIssuesATokenThatItAccepts() {
        String email = "it-" + UUID.randomUUID() + "@example.test";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "name", "Packaged", "password",
                "pw-packaged")).post("/users").then().statusCode(201);
        String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "pw-packaged"))
                .post("/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).get("/users/me").then().statusCode(200).body("email", equalTo(email));
    }
}

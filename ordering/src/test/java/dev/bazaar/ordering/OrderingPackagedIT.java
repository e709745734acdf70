package dev.bazaar.ordering;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.PackagedAppKeys;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged artifact (target/quarkus-app here; the native executable under -Dnative) started as its own process in
 * the prod profile against a fresh database and vhost: it becomes ready and serves its API.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LocalServices.class)
@QuarkusTestResource(value = PackagedAppKeys.class, restrictToAnnotatedClass = true)
class OrderingPackagedIT {

    @Test
    void packagedServiceIsLiveAndReadyWithDatabaseAndBroker() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void answersForOrdersOnlyWithAToken() {
        given().get("/orders/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(TestTokens.customer(UUID.randomUUID(), "it@example.test"))
                .get("/orders/" + UUID.randomUUID()).then().statusCode(404);
    }
}

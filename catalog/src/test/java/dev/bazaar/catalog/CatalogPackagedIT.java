package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.PackagedAppKeys;
import dev.bazaar.infra.testing.TestTokens;
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
class CatalogPackagedIT {

    @Test
    void packagedServiceIsLiveAndReadyWithDatabaseAndBroker() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesTheCatalogToAnyoneAndProductsToAnAdmin() {
        given().get("/products").then().statusCode(200).body("items", notNullValue());
        String sku = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Packaged mug", "price", 12.50,
                "initialStock", 3)).post("/products").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("sku", sku, "name",
                "Packaged mug", "price", 12.50, "initialStock", 3)).post("/products").then().statusCode(201)
                .body("sku", equalTo(sku));
    }
}

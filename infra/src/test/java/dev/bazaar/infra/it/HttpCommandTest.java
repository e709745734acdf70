package dev.bazaar.infra.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class HttpCommandTest {

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheFirstResponseAndCreatesNothingNew() {
        String first = create("key-1", "{\"sku\":\"IDEM-1\",\"price\":\"5.00\"}").statusCode(201)
                .extract().body().asString();
        String second = create("key-1", "{\"sku\":\"IDEM-1\",\"price\":\"5.00\"}").statusCode(201)
                .extract().body().asString();

        assertThat(second).isEqualTo(first);
        assertThat(TestDatabase.count("select count(*) from probe_effect where sku = 'IDEM-1'")).isLessThanOrEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from idempotency_key where key = 'key-1'")).isEqualTo(1);
        org.awaitility.Awaitility.await().until(
                () -> TestDatabase.count("select count(*) from probe_effect where sku = 'IDEM-1'") == 1);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateExactlyOnce() {
        List<CompletableFuture<String>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> create("key-race",
                        "{\"sku\":\"IDEM-RACE\",\"price\":\"5.00\"}").statusCode(201).extract().body().asString()))
                .toList();

        List<String> bodies = calls.stream().map(CompletableFuture::join).distinct().toList();
        assertThat(bodies).hasSize(1);
        org.awaitility.Awaitility.await().until(
                () -> TestDatabase.count("select count(*) from probe_effect where sku = 'IDEM-RACE'") == 1);
    }

    @Test
    void reusingAKeyForADifferentRequestIsRefused() {
        create("key-2", "{\"sku\":\"IDEM-2\",\"price\":\"5.00\"}").statusCode(201);
        create("key-2", "{\"sku\":\"IDEM-2\",\"price\":\"6.00\"}").statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("different request"));
    }

    @Test
    void invalidBodyGetsProblemDetailsWithFieldErrors() {
        create(null, "{\"sku\":\"\",\"price\":\"-1\"}").statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItems("sku", "price"));
    }

    @Test
    void malformedJsonAndWrongTypesGetProblemDetails() {
        create(null, "{\"sku\":").statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed request"));
        create(null, "{\"sku\":\"X\",\"price\":\"cheap\"}").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("price"));
    }

    @Test
    void domainConflictAndUnknownRouteGetProblemDetails() {
        create(null, "{\"sku\":\"TAKEN\",\"price\":\"1.00\"}").statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Duplicate SKU"));
        given().get("/probe/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse create(String key, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/probe/products").then();
    }
}

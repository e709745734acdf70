package dev.bazaar.catalog.api;

import static dev.bazaar.catalog.testsupport.OrderingCommands.EXCHANGE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Catalog gets infra's dead-letter admin API for its own queue. */
@QuarkusTest
class DeadLetterAdminApiTest {

    private static final String QUEUE = "catalog.stock-commands";
    private static final String ADMIN = TestTokens.admin();

    @Test
    void adminListsAndDiscardsThePoisonedStockCommandsOfCatalogsQueue() {
        String tag = UUID.randomUUID().toString();
        try (TestBroker broker = TestBroker.connect()) {
            broker.publish(EXCHANGE, "stock.reserve", ("{\"not json " + tag).getBytes(StandardCharsets.UTF_8));
        }
        String poisoned = "find { it.queue == '" + QUEUE + "' }.messages.find { it.payloadExcerpt.contains('" + tag
                + "') }";

        JsonPath listing = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(ADMIN).get("/admin/dead-letters").then().statusCode(200)
                        .extract().jsonPath(), json -> json.get(poisoned) != null);

        given().auth().oauth2(ADMIN).get("/admin/dead-letters").then()
                .body("find { it.queue == '" + QUEUE + "' }.deadLetterQueue", equalTo(QUEUE + ".dlq"))
                .body(poisoned + ".reason", startsWith("invalid message"))
                .body(poisoned + ".count", equalTo(1));
        String messageId = listing.getString(poisoned + ".messageId");
        given().auth().oauth2(ADMIN).delete("/admin/dead-letters/{queue}/{id}", QUEUE, messageId).then()
                .statusCode(200).body("discarded", equalTo(1));
        given().auth().oauth2(ADMIN).post("/admin/dead-letters/{queue}/replay/{id}", QUEUE, messageId).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void catalogsDeadLettersAreForAdminsOnly() {
        given().get("/admin/dead-letters").then().statusCode(401);
        given().auth().oauth2(TestTokens.customer(UUID.randomUUID())).post("/admin/dead-letters/{queue}/replay", QUEUE)
                .then().statusCode(403);
    }
}

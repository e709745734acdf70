package dev.bazaar.infra.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.bazaar.infra.outbox.OutboxRelay;
import dev.bazaar.infra.testing.LocalServices;
import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class StatusTest {

    @Test
    void anAdminSeesReadinessSplitIntoDatabaseAndBrokerAndTheOutboxBacklog() {
        // the application is shared with tests that cut its database or broker connections: let it reconnect first
        Awaitility.await("readiness").atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        JsonPath status = given().auth().oauth2(TestTokens.admin()).get("/admin/status").then().statusCode(200)
                .extract().jsonPath();

        assertThat(status.getString("service")).isEqualTo("probe");
        assertThat(status.getString("status")).isEqualTo("UP");
        assertThat(status.getString("database")).isEqualTo("UP");
        assertThat(status.getString("broker")).isEqualTo("UP");
        List<Map<String, Object>> checks = status.getList("checks");
        assertThat(checks).extracting(check -> check.get("name"))
                .as("the same checks /q/health/ready reports").containsExactlyInAnyOrderElementsOf(
                        given().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                                .getList("checks.name"));
        assertThat(status.getLong("outbox.backlog")).isZero();
        assertThat(status.getDouble("outbox.oldestAgeSeconds")).isGreaterThanOrEqualTo(0);
        assertThat(status.getString("outboxError")).isNull();
    }

    @Test
    void theOutboxBacklogCountsRowsWaitingLongerThanTheSettleTime() throws Exception {
        UUID id = UUID.randomUUID();
        // the relay would publish the row within a second: hold its lock meanwhile, as a busy replica's relay would
        try (Connection relayLock = TestDatabase.connect(); Connection writer = TestDatabase.connect()) {
            relayLock.setAutoCommit(false);
            try (PreparedStatement lock = relayLock.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.LOCK_KEY);
                lock.execute();
            }
            try (PreparedStatement insert = writer.prepareStatement("insert into outbox_message (id, routing_key, "
                    + "message_type, aggregate_id, correlation_id, body, created_at) values (?, 'nobody.listens', "
                    + "'nobody.listens', 'x', 'x', '{}', now() - interval '60 seconds')")) {
                insert.setObject(1, id);
                insert.executeUpdate();
            }
            try {
                JsonPath status = given().auth().oauth2(TestTokens.admin()).get("/admin/status").then()
                        .statusCode(200).extract().jsonPath();
                assertThat(status.getLong("outbox.backlog")).isEqualTo(1);
                assertThat(status.getDouble("outbox.oldestAgeSeconds")).isBetween(60.0, 120.0);
            } finally {
                TestDatabase.update("delete from outbox_message where id = ?", id);
                relayLock.rollback();
            }
        }
    }

    @Test
    void aCustomerIsRefusedAndAnonymousCallersMustLogIn() {
        given().auth().oauth2(TestTokens.customer(UUID.randomUUID())).get("/admin/status").then().statusCode(403);
        given().get("/admin/status").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired(UUID.randomUUID())).get("/admin/status").then().statusCode(401);
    }
}

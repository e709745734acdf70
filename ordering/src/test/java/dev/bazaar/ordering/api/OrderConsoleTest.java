package dev.bazaar.ordering.api;

import static dev.bazaar.ordering.testsupport.OrderingApi.as;
import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.OrderingApi.line;
import static dev.bazaar.ordering.testsupport.OrderingApi.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The operator console's reads: an order's timeline, stuck sagas, recent rejections; for admins only. */
@QuarkusTest
class OrderConsoleTest {

    @RegisterExtension
    static final Participants participants = new Participants();

    private final UUID customer = UUID.randomUUID();

    @Test
    void theTimelineShowsEachStepWithItsServiceMessageAndDeadline() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 2));
        Envelope reserve = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        Envelope reserved = participants.stockReserved(reserve, "12.50");
        participants.publish(Participants.CATALOG, reserved);
        Envelope reserveCredit = participants.awaitSent(orderId, Contracts.RESERVE_CREDIT);
        participants.publish(Participants.USER, participants.creditReserved(reserveCredit));
        awaitStatus(customer, orderId, "CONFIRMED");

        JsonPath view = admin().get("/admin/orders/{id}/timeline", orderId).then().statusCode(200).extract()
                .jsonPath();

        assertThat(view.getString("order.status")).isEqualTo("CONFIRMED");
        assertThat(view.getString("order.total")).isEqualTo("25.00");
        assertThat(view.getList("order.lines")).hasSize(1);
        List<Map<String, Object>> timeline = view.getList("timeline");
        Map<String, Object> sentReserve = step(timeline, "sent stock.reserve");
        assertThat(sentReserve).containsEntry("service", "catalog").containsEntry("messageType", "stock.reserve")
                .containsEntry("messageId", reserve.id().toString()).containsEntry("deadlineMet", true);
        assertThat(sentReserve.get("deadline")).isNotNull();
        assertThat(step(timeline, "received stock.reserved")).containsEntry("service", "catalog")
                .containsEntry("messageId", reserved.id().toString()).containsEntry("deadlineMet", true);
        assertThat(step(timeline, "sent credit.reserve")).containsEntry("service", "user")
                .containsEntry("deadlineMet", true);
        assertThat(step(timeline, "PENDING -> STOCK_RESERVED")).containsEntry("kind", "transition")
                .containsEntry("service", "ordering");
        assertThat(step(timeline, "sent order.confirmed")).containsEntry("service", "cart");

        admin().get("/admin/orders/{id}/timeline", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        admin().get("/admin/orders/not-a-uuid/timeline").then().statusCode(404);
    }

    @Test
    void stuckListsSagasWaitingLongerThanTheThresholdAndFlagsThoseOverdue() throws Exception {
        UUID waiting = placeOrder(customer, line(UUID.randomUUID(), 1));
        UUID overdue = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.awaitSent(overdue, Contracts.RESERVE_STOCK);

        // hold the sweeper's lock, or it rejects the overdue order within a second
        try (Connection sweepLock = OrderingDatabase.connect()) {
            sweepLock.setAutoCommit(false);
            try (PreparedStatement lock = sweepLock.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OrderRepository.SWEEP_LOCK_KEY);
                lock.execute();
            }
            OrderingDatabase.expireDeadline(overdue);

            JsonPath recent = admin().queryParam("olderThan", "PT1H").get("/admin/orders/stuck").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(recent.getString("olderThan")).isEqualTo("PT1H");
            assertThat(recent.getList("orders.id", String.class)).as("overdue, though young")
                    .contains(overdue.toString()).doesNotContain(waiting.toString());

            JsonPath all = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin()
                    .queryParam("olderThan", "PT0.2S").get("/admin/orders/stuck").then().statusCode(200)
                    .extract().jsonPath(), json -> json.getList("orders.id", String.class)
                    .contains(waiting.toString()));
            List<Map<String, Object>> orders = all.getList("orders");
            assertThat(orders.stream().filter(o -> o.get("id").equals(waiting.toString())).findFirst()
                    .orElseThrow()).containsEntry("status", "PENDING").containsEntry("overdue", false)
                    .containsEntry("customerId", customer.toString());
            assertThat(orders.stream().filter(o -> o.get("id").equals(overdue.toString())).findFirst()
                    .orElseThrow()).containsEntry("overdue", true);
            sweepLock.rollback();
        }
    }

    @Test
    void rejectionsOfTheLastHourAreCountedByTheKindOfTheirReason() {
        // kinds of their own, so that other tests' rejections do not change the counts
        String kind = unique("short of");
        String latest = kind + ": need 45.50, available 2.00";
        reject(kind + ": need 30.00, available 1.00");
        reject(latest);
        String byCustomer = unique("no account");
        reject(byCustomer + " " + UUID.randomUUID());
        reject(byCustomer + " " + UUID.randomUUID());

        JsonPath rejections = admin().get("/admin/orders/rejections").then().statusCode(200).extract().jsonPath();

        assertThat(rejections.getString("window")).isEqualTo("PT1H");
        assertThat(kind(rejections, kind)).as("two amounts, one kind").containsEntry("orders", 2)
                .containsEntry("example", latest).containsKey("latest");
        assertThat(kind(rejections, byCustomer)).as("two ids, one kind").containsEntry("orders", 2);
        assertThat(rejections.getLong("total")).isGreaterThanOrEqualTo(4);
        assertThat(admin().queryParam("window", "PT0.001S").get("/admin/orders/rejections").then().statusCode(200)
                .extract().jsonPath().getList("reasons.kind", String.class)).doesNotContain(kind);
    }

    @Test
    void anOrderPlacedLongAgoAndRejectedNowCountsAsRejectedInTheLastHour() {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        Envelope reserve = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        OrderingDatabase.placedAgo(orderId, Duration.ofDays(2));
        String kind = unique("lost in the warehouse");
        participants.publish(Participants.CATALOG, participants.stockRejected(reserve, kind + ": SKU-1"));
        awaitStatus(customer, orderId, "REJECTED");

        JsonPath rejections = admin().get("/admin/orders/rejections").then().statusCode(200).extract().jsonPath();

        assertThat(kind(rejections, kind)).containsEntry("orders", 1);
    }

    private void reject(String reason) {
        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        participants.publish(Participants.CATALOG, participants.stockRejected(
                participants.awaitSent(orderId, Contracts.RESERVE_STOCK), reason));
        awaitStatus(customer, orderId, "REJECTED");
    }

    /** A reason's kind no other test writes: a word rather than a UUID, which the kind leaves out. */
    private static String unique(String words) {
        return words + " " + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static Map<String, Object> kind(JsonPath rejections, String kind) {
        List<Map<String, Object>> reasons = rejections.getList("reasons");
        return reasons.stream().filter(reason -> kind.equals(reason.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no kind " + kind + " in " + reasons));
    }

    @Test
    void badDurationsAreProblemsAndOnlyAdminsMayAsk() {
        admin().queryParam("olderThan", "an hour").get("/admin/orders/stuck").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        admin().queryParam("olderThan", "-PT1S").get("/admin/orders/stuck").then().statusCode(400)
                .contentType("application/problem+json");
        admin().queryParam("window", "P30D").get("/admin/orders/rejections").then().statusCode(400)
                .contentType("application/problem+json");
        admin().queryParam("limit", 0).get("/admin/orders/stuck").then().statusCode(400)
                .contentType("application/problem+json");

        UUID orderId = placeOrder(customer, line(UUID.randomUUID(), 1));
        String customerToken = TestTokens.customer(customer);
        as(customerToken).get("/admin/orders/{id}/timeline", orderId).then().statusCode(403);
        as(customerToken).get("/admin/orders/stuck").then().statusCode(403);
        as(customerToken).get("/admin/orders/rejections").then().statusCode(403);
        io.restassured.RestAssured.given().get("/admin/orders/stuck").then().statusCode(401);
    }

    private static Map<String, Object> step(List<Map<String, Object>> timeline, String name) {
        return timeline.stream().filter(entry -> name.equals(entry.get("step"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + timeline));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return as(TestTokens.admin());
    }
}

package dev.bazaar.catalog.api;

import static dev.bazaar.catalog.testsupport.CatalogApi.asAdmin;
import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.OrderingCommands.EXCHANGE;
import static dev.bazaar.catalog.testsupport.OrderingCommands.line;
import static dev.bazaar.catalog.testsupport.OrderingCommands.reserve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.catalog.testsupport.CatalogApi;
import dev.bazaar.catalog.testsupport.CatalogDatabase;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The operator console's view of an order's stock reservation. */
@QuarkusTest
class StockReservationApiTest {

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void aReservedOrderShowsItsStatusTotalAndPricedLines() {
        UUID cup = createProduct("12.50", 10);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(cup, 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "RESERVED".equals(CatalogDatabase.reservationStatus(
                orderId)));

        JsonPath reservation = asAdmin().get("/admin/stock-reservations/{id}", orderId).then().statusCode(200)
                .extract().jsonPath();

        assertThat(reservation.getString("orderId")).isEqualTo(orderId.toString());
        assertThat(reservation.getString("status")).isEqualTo("RESERVED");
        assertThat(reservation.getString("total")).isEqualTo("25.00");
        assertThat(reservation.getList("lines")).containsExactly(Map.of("productId", cup.toString(),
                "sku", CatalogApi.skuOf(cup), "quantity", 2, "unitPrice", "12.50"));
        assertThat(reservation.getList("shortages")).isEmpty();
    }

    @Test
    void aRejectedOrderShowsItsReasonAndShortages() {
        UUID saucer = createProduct("2.00", 1);
        UUID orderId = UUID.randomUUID();
        broker.publish(EXCHANGE, reserve(orderId, line(saucer, 3)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(CatalogDatabase.reservationStatus(
                orderId)));

        JsonPath reservation = asAdmin().get("/admin/stock-reservations/{id}", orderId).then().statusCode(200)
                .extract().jsonPath();

        assertThat(reservation.getString("status")).isEqualTo("REJECTED");
        assertThat(reservation.getString("reason")).startsWith("out of stock");
        List<Map<String, Object>> shortages = reservation.getList("shortages");
        assertThat(shortages).singleElement().satisfies(shortage -> assertThat(shortage)
                .containsEntry("wanted", 3).containsEntry("available", 1));
    }

    @Test
    void anUnknownOrderIsANotFoundProblemAndOnlyAdminsMayAsk() {
        asAdmin().get("/admin/stock-reservations/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Stock reservation not found"));
        given().auth().oauth2(TestTokens.customer(UUID.randomUUID()))
                .get("/admin/stock-reservations/{id}", UUID.randomUUID()).then().statusCode(403);
        given().get("/admin/stock-reservations/{id}", UUID.randomUUID()).then().statusCode(401);
    }
}

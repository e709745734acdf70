package dev.bazaar.user.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.user.testsupport.UserApi;
import dev.bazaar.user.testsupport.UserDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The operator console's reads of the user service: a customer by e-mail, an order's credit hold. */
@QuarkusTest
class ConsoleApiTest {

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @BeforeEach
    void awaitCreditCommandsQueue() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> broker.depth("user.credit-commands") >= 0);
    }

    @Test
    void aCustomerIsFoundByEmailInAnyCase() {
        String email = UserApi.uniqueEmail("console");
        UUID id = UserApi.register(email);

        JsonPath found = admin().queryParam("email", "  " + email.toUpperCase() + " ").get("/admin/customers")
                .then().statusCode(200).extract().jsonPath();

        assertThat(found.getString("id")).isEqualTo(id.toString());
        assertThat(found.getString("email")).isEqualTo(email);
        assertThat(found.getString("role")).isEqualTo("CUSTOMER");
        admin().queryParam("email", "nobody-" + UUID.randomUUID() + "@example.test").get("/admin/customers").then()
                .statusCode(404).contentType("application/problem+json").body("title", equalTo("Customer not found"));
        admin().get("/admin/customers").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anOrdersCreditHoldShowsItsAmountAndStatus() {
        UUID customer = UserApi.registerWithCredit("console-hold", "100.00");
        UUID order = UUID.randomUUID();
        broker.publish("ordering.events", TestBroker.envelope(Contracts.RESERVE_CREDIT,
                new ReserveCredit(order, customer, new BigDecimal("40.00")), "ordering", order.toString(),
                order.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "HELD".equals(UserDatabase.scalar(
                "select status from credit_hold where order_id = ?", order)));

        JsonPath hold = admin().get("/admin/credit-holds/{id}", order).then().statusCode(200).extract().jsonPath();

        assertThat(hold.getString("orderId")).isEqualTo(order.toString());
        assertThat(hold.getString("customerId")).isEqualTo(customer.toString());
        assertThat(hold.getString("amount")).isEqualTo("40.00");
        assertThat(hold.getString("status")).isEqualTo("HELD");
        admin().get("/admin/credit-holds/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Credit hold not found"));
    }

    @Test
    void onlyAdminsMayAsk() {
        String customer = TestTokens.customer(UUID.randomUUID());
        given().auth().oauth2(customer).queryParam("email", "a@example.test").get("/admin/customers").then()
                .statusCode(403);
        given().auth().oauth2(customer).get("/admin/credit-holds/{id}", UUID.randomUUID()).then().statusCode(403);
        given().get("/admin/credit-holds/{id}", UUID.randomUUID()).then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }
}

package dev.bazaar.cart.api;

import static dev.bazaar.cart.testsupport.CatalogEvents.productKnown;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.cart.testsupport.CartApi;
import dev.bazaar.cart.testsupport.CartDatabase;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CartValidationTest {

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void quantityOutsideOneToAThousandIs400WithTheFieldAndLeavesTheCartUnchanged() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        List<String> before = CartDatabase.snapshot(customer.customerId());

        for (int quantity : List.of(0, -1, 1001, Integer.MAX_VALUE)) {
            customer.setQuantity(lamp, quantity).statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("quantity"));
        }
        customer.setQuantity(lamp, Map.of()).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("quantity"));

        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
        customer.cart().statusCode(200).body("lines[0].quantity", equalTo(2));
    }

    @Test
    void malformedBodiesAre400ProblemsAndLeaveTheCartUnchanged() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        List<String> before = CartDatabase.snapshot(customer.customerId());

        for (String body : List.of("{\"quantity\":", "{\"quantity\":\"many\"}", "{\"quantity\":2.5}",
                "{\"quantity\":1099511627776}", "[1]", "not json")) {
            customer.request().contentType(ContentType.JSON).body(body).put("/carts/me/items/{id}", lamp)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
        customer.request().contentType(ContentType.JSON).put("/carts/me/items/{id}", lamp)
                .then().statusCode(400).contentType("application/problem+json");
        customer.request().contentType(ContentType.JSON).body("{\"quantity\":2.5}").put("/carts/me/items/{id}", lamp)
                .then().body("detail", containsString("quantity"));

        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
    }

    @Test
    void requestsWithoutAValidTokenAre401() {
        UUID customer = UUID.randomUUID();
        for (Supplier<RequestSpecification> caller : List.<Supplier<RequestSpecification>>of(
                () -> given(),
                () -> given().auth().oauth2(TestTokens.expired(customer)),
                () -> given().auth().oauth2(TestTokens.signedByOtherKey(customer)),
                () -> given().auth().oauth2("not-a-token"))) {
            caller.get().get("/carts/me").then().statusCode(401);
            caller.get().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                    .put("/carts/me/items/{id}", UUID.randomUUID()).then().statusCode(401);
            caller.get().delete("/carts/me/items/{id}", UUID.randomUUID()).then().statusCode(401);
            caller.get().delete("/carts/me").then().statusCode(401);
            caller.get().post("/carts/me/checkout").then().statusCode(401);
        }
        assertThat(CartDatabase.carts(customer)).isEmpty();
    }

    @Test
    void adminHasACartOfTheirOwnToo() {
        given().auth().oauth2(TestTokens.admin()).get("/carts/me").then().statusCode(200)
                .body("status", equalTo("OPEN"));
    }
}

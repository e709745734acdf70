package dev.bazaar.cart.api;

import static dev.bazaar.cart.testsupport.CatalogEvents.productKnown;
import static dev.bazaar.cart.testsupport.CatalogEvents.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.cart.testsupport.CartApi;
import dev.bazaar.cart.testsupport.CartDatabase;
import dev.bazaar.infra.testing.RabbitMqExtension;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CartApiTest {

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void firstRequestOpensAnEmptyCartThatLaterRequestsShow() {
        CartApi customer = CartApi.newCustomer();

        String id = customer.cart().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("orderId", nullValue())
                .body("lastRejection", nullValue())
                .body("lines", empty())
                .body("total", equalTo("0.00"))
                .body("itemCount", equalTo(0))
                .extract().path("id");

        customer.cart().statusCode(200).body("id", equalTo(id));
        assertThat(CartDatabase.carts(customer.customerId())).containsExactly("OPEN null");
    }

    @Test
    void concurrentFirstRequestsOfOneCustomerOpenExactlyOneCart() {
        CartApi customer = CartApi.newCustomer();

        List<CompletableFuture<String>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> customer.cart().statusCode(200)
                        .extract().<String>path("id")))
                .toList();

        assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
        assertThat(CartDatabase.carts(customer.customerId())).containsExactly("OPEN null");
    }

    @Test
    void linesCanBeAddedChangedRemovedAndCleared() {
        UUID lamp = productKnown(broker, "Lamp", "19.99");
        UUID bulb = productKnown(broker, "Bulb", "0.10");
        CartApi customer = CartApi.newCustomer();

        customer.setQuantity(lamp, 1).statusCode(200)
                .body("lines.productId", contains(lamp.toString()))
                .body("total", equalTo("19.99"));
        customer.setQuantity(bulb, 7).statusCode(200)
                .body("lines.productId", contains(bulb.toString(), lamp.toString()))
                .body("itemCount", equalTo(8))
                .body("total", equalTo("20.69"));
        customer.setQuantity(lamp, 3).statusCode(200)
                .body("lines.find { it.productId == '" + lamp + "' }.quantity", equalTo(3))
                .body("lines.find { it.productId == '" + lamp + "' }.lineTotal", equalTo("59.97"))
                .body("itemCount", equalTo(10))
                .body("total", equalTo("60.67"));
        customer.remove(bulb).statusCode(200)
                .body("lines.productId", contains(lamp.toString()))
                .body("lines[0].sku", equalTo(sku(lamp)))
                .body("lines[0].name", equalTo("Lamp"))
                .body("lines[0].unitPrice", equalTo("19.99"))
                .body("lines[0].quantity", equalTo(3))
                .body("total", equalTo("59.97"));
        customer.clear().statusCode(200)
                .body("lines", empty())
                .body("total", equalTo("0.00"))
                .body("itemCount", equalTo(0))
                .body("status", equalTo("OPEN"));
        customer.cart().statusCode(200).body("lines", empty());
    }

    @Test
    void totalsAreExactDecimalsWithTwoPlaces() {
        UUID tenth = productKnown(broker, "A tenth", "0.10");
        UUID fifth = productKnown(broker, "B fifth", "0.20");
        UUID round = productKnown(broker, "C round", "7");
        CartApi customer = CartApi.newCustomer();

        customer.setQuantity(tenth, 1).statusCode(200);
        customer.setQuantity(fifth, 1).statusCode(200).body("total", equalTo("0.30"));
        customer.setQuantity(round, 1000).statusCode(200)
                .body("lines.unitPrice", contains("0.10", "0.20", "7.00"))
                .body("lines.lineTotal", contains("0.10", "0.20", "7000.00"))
                .body("total", equalTo("7000.30"))
                .body("itemCount", equalTo(1002));
    }

    @Test
    void unknownProductIs404AndLeavesTheCartUnchanged() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        List<String> before = CartDatabase.snapshot(customer.customerId());
        UUID unknown = UUID.randomUUID();

        customer.setQuantity(unknown, 1).statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("unknown product " + unknown));

        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
    }

    @Test
    void removingAProductThatIsNotInTheCartIsANoOp() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        List<String> before = CartDatabase.snapshot(customer.customerId());

        customer.remove(UUID.randomUUID()).statusCode(200).body("lines.productId", contains(lamp.toString()));

        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
    }

    @Test
    void eachCustomerSeesAndChangesOnlyTheirOwnCart() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        UUID chair = productKnown(broker, "Chair", "50.00");
        CartApi alice = CartApi.newCustomer();
        CartApi bob = CartApi.newCustomer();

        String aliceCart = alice.setQuantity(lamp, 2).statusCode(200).extract().path("id");
        String bobCart = bob.setQuantity(chair, 1).statusCode(200).extract().path("id");
        bob.clear().statusCode(200);

        assertThat(aliceCart).isNotEqualTo(bobCart);
        alice.cart().statusCode(200)
                .body("id", equalTo(aliceCart))
                .body("lines.productId", contains(lamp.toString()))
                .body("total", equalTo("10.00"));
        bob.cart().statusCode(200).body("id", equalTo(bobCart)).body("lines", empty())
                .body("id", not(equalTo(aliceCart)));
    }
}

package dev.bazaar.cart.application;

import static dev.bazaar.cart.testsupport.CatalogEvents.productKnown;
import static dev.bazaar.cart.testsupport.CatalogEvents.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.cart.testsupport.CartApi;
import dev.bazaar.cart.testsupport.CartDatabase;
import dev.bazaar.cart.testsupport.OrderingEvents;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.cart.CartCheckedOut;
import dev.bazaar.events.cart.CartLine;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class CheckoutTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    private Collector checkedOut;

    @BeforeEach
    void watchCheckouts() {
        checkedOut = broker.collect("cart.events", "cart.checked-out");
    }

    @Test
    void checkoutAnswers202WithTheOrderAndAnnouncesTheCartAtItsCurrentPrices() {
        UUID lamp = productKnown(broker, "Lamp", "19.99");
        UUID bulb = productKnown(broker, "Bulb", "0.10");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        String cartId = customer.setQuantity(bulb, 5).statusCode(200).extract().path("id");

        ExtractableResponse<Response> answer = customer.checkout().statusCode(202)
                .body("cartId", equalTo(cartId))
                .body("status", equalTo("CHECKED_OUT"))
                .extract();
        UUID orderId = UUID.fromString(answer.path("orderId"));

        assertThat(answer.header("Location")).endsWith("/orders/" + orderId);
        Envelope event = checkedOut.awaitEnvelope(envelope -> envelope.correlationId().equals(orderId.toString()));
        assertThat(event.type()).isEqualTo("cart.checked-out");
        assertThat(event.source()).isEqualTo("cart");
        assertThat(event.aggregateId()).isEqualTo(cartId);
        CartCheckedOut payload = CODEC.payload(event, Contracts.CART_CHECKED_OUT);
        assertThat(payload.orderId()).isEqualTo(orderId);
        assertThat(payload.cartId()).isEqualTo(UUID.fromString(cartId));
        assertThat(payload.customerId()).isEqualTo(customer.customerId());
        assertThat(payload.lines()).containsExactlyInAnyOrder(
                new CartLine(lamp, sku(lamp), 2, new BigDecimal("19.99")),
                new CartLine(bulb, sku(bulb), 5, new BigDecimal("0.10")));
        customer.cart().statusCode(200)
                .body("id", equalTo(cartId))
                .body("status", equalTo("CHECKED_OUT"))
                .body("orderId", equalTo(orderId.toString()))
                .body("total", equalTo("40.48"));
    }

    @Test
    void emptyCartCannotBeCheckedOut() {
        CartApi customer = CartApi.newCustomer();

        customer.checkout().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("cart is empty"));

        customer.cart().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void checkedOutCartCannotBeCheckedOutAgainNorChanged() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        UUID chair = productKnown(broker, "Chair", "50.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        UUID orderId = customer.checkedOutOrder();
        List<String> before = CartDatabase.snapshot(customer.customerId());
        String refusal = "cart is checked out (order " + orderId + "); wait for the order's outcome";

        customer.checkout().statusCode(409).contentType("application/problem+json").body("detail", equalTo(refusal));
        customer.checkout("another-key").statusCode(409).body("detail", equalTo(refusal));
        customer.setQuantity(lamp, 3).statusCode(409).body("detail", equalTo(refusal));
        customer.setQuantity(chair, 1).statusCode(409).body("detail", equalTo(refusal));
        customer.remove(lamp).statusCode(409).body("detail", equalTo(refusal));
        customer.clear().statusCode(409).body("detail", equalTo(refusal));

        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
        awaitMarkerCheckout(lamp);
        assertThat(announced(orderId)).hasSize(1);
        assertThat(checkedOut.envelopes()).filteredOn(envelope -> envelope.payload().get("customerId").asText()
                .equals(customer.customerId().toString())).hasSize(1);
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSameOrderAndAnnouncesItOnce() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        String key = "checkout-" + UUID.randomUUID();

        ExtractableResponse<Response> first = customer.checkout(key).statusCode(202).extract();
        ExtractableResponse<Response> retry = customer.checkout(key).statusCode(202).extract();

        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        UUID orderId = UUID.fromString(first.path("orderId"));
        awaitMarkerCheckout(lamp);
        assertThat(announced(orderId)).hasSize(1);
    }

    @Test
    void retryWithTheSameKeyAfterTheOrderClosedTheCartReplaysTheFirstAnswer() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        String key = "checkout-" + UUID.randomUUID();
        String first = customer.checkout(key).statusCode(202).extract().body().asString();
        UUID orderId = UUID.fromString(customer.cart().extract().path("orderId"));
        Envelope confirmed = OrderingEvents.confirmed(orderId, customer.customerId(), "10.00");
        broker.publish(OrderingEvents.EXCHANGE, confirmed);
        CartDatabase.awaitHandled(confirmed);

        customer.checkout(key).statusCode(202).body(equalTo(first));

        customer.cart().statusCode(200).body("status", equalTo("OPEN")).body("itemCount", equalTo(0));
        awaitMarkerCheckout(lamp);
        assertThat(announced(orderId)).hasSize(1);
    }

    @Test
    void concurrentCheckoutsOfOneCartStartOneOrder() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 1).statusCode(200);

        List<Integer> statuses = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> customer.checkout().extract().statusCode()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 409);
        UUID orderId = UUID.fromString(customer.cart().extract().path("orderId"));
        awaitMarkerCheckout(lamp);
        assertThat(announced(orderId)).hasSize(1);
        assertThat(checkedOut.envelopes()).filteredOn(envelope -> envelope.payload().get("customerId").asText()
                .equals(customer.customerId().toString())).hasSize(1);
    }

    /**
     * Checks out another customer's cart and waits for its event. The outbox publishes in commit order, so any
     * message the test's earlier requests had wrongly written would have arrived by then.
     */
    private void awaitMarkerCheckout(UUID product) {
        CartApi marker = CartApi.newCustomer();
        marker.setQuantity(product, 1).statusCode(200);
        UUID markerOrder = marker.checkedOutOrder();
        checkedOut.awaitEnvelope(envelope -> envelope.correlationId().equals(markerOrder.toString()));
    }

    private List<Envelope> announced(UUID orderId) {
        return checkedOut.envelopes().stream()
                .filter(envelope -> envelope.correlationId().equals(orderId.toString())).toList();
    }
}

package dev.bazaar.cart.application;

import static dev.bazaar.cart.testsupport.CartDatabase.awaitHandled;
import static dev.bazaar.cart.testsupport.CatalogEvents.productKnown;
import static dev.bazaar.cart.testsupport.OrderingEvents.EXCHANGE;
import static dev.bazaar.cart.testsupport.OrderingEvents.confirmed;
import static dev.bazaar.cart.testsupport.OrderingEvents.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.cart.testsupport.CartApi;
import dev.bazaar.cart.testsupport.CartDatabase;
import dev.bazaar.events.Envelope;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderOutcomeTest {

    private static final String DLQ = "cart.order-outcomes.dlq";

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void confirmedOrderClosesTheCartAndTheNextRequestOpensANewEmptyOne() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        String cartId = customer.setQuantity(lamp, 2).statusCode(200).extract().path("id");
        UUID orderId = customer.checkedOutOrder();

        publishAndAwait(confirmed(orderId, customer.customerId(), "10.00"));

        customer.cart().statusCode(200)
                .body("id", not(equalTo(cartId)))
                .body("status", equalTo("OPEN"))
                .body("orderId", nullValue())
                .body("lines", empty())
                .body("total", equalTo("0.00"));
        assertThat(CartDatabase.carts(customer.customerId())).containsExactly("CLOSED " + orderId, "OPEN null");
    }

    @Test
    void rejectedOrderReopensTheCartWithItsLinesAndTheReasonAndItCanBeCheckedOutAgain() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        String cartId = customer.setQuantity(lamp, 2).statusCode(200).extract().path("id");
        UUID firstOrder = customer.checkedOutOrder();

        String reason = "insufficient credit: 10.00 wanted, 4.00 available";
        publishAndAwait(rejected(firstOrder, customer.customerId(), reason));

        customer.cart().statusCode(200)
                .body("id", equalTo(cartId))
                .body("status", equalTo("OPEN"))
                .body("orderId", nullValue())
                .body("lastRejection", equalTo(reason))
                .body("lines.productId", contains(lamp.toString()))
                .body("lines[0].quantity", equalTo(2))
                .body("total", equalTo("10.00"));
        customer.setQuantity(lamp, 1).statusCode(200);
        UUID secondOrder = customer.checkedOutOrder();
        assertThat(secondOrder).isNotEqualTo(firstOrder);
        customer.cart().statusCode(200)
                .body("id", equalTo(cartId))
                .body("status", equalTo("CHECKED_OUT"))
                .body("orderId", equalTo(secondOrder.toString()))
                .body("lastRejection", nullValue());
    }

    @Test
    void outcomeOfAnOrderPlacedWithoutACartChangesNothing() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 2).statusCode(200);
        List<String> before = CartDatabase.snapshot(customer.customerId());

        publishAndAwait(confirmed(UUID.randomUUID(), customer.customerId(), "10.00"));
        publishAndAwait(rejected(UUID.randomUUID(), customer.customerId(), "out of stock"));

        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
    }

    @Test
    void repeatedOutcomesChangeNothing() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi confirmedCustomer = CartApi.newCustomer();
        confirmedCustomer.setQuantity(lamp, 1).statusCode(200);
        UUID confirmedOrder = confirmedCustomer.checkedOutOrder();
        CartApi rejectedCustomer = CartApi.newCustomer();
        rejectedCustomer.setQuantity(lamp, 1).statusCode(200);
        UUID rejectedOrder = rejectedCustomer.checkedOutOrder();
        Envelope confirmation = confirmed(confirmedOrder, confirmedCustomer.customerId(), "5.00");
        Envelope rejection = rejected(rejectedOrder, rejectedCustomer.customerId(), "out of stock");
        publishAndAwait(confirmation);
        publishAndAwait(rejection);
        UUID secondOrder = rejectedCustomer.checkedOutOrder();
        List<String> confirmedBefore = CartDatabase.snapshot(confirmedCustomer.customerId());
        List<String> rejectedBefore = CartDatabase.snapshot(rejectedCustomer.customerId());

        broker.publish(EXCHANGE, confirmation);
        broker.publish(EXCHANGE, rejection);
        publishAndAwait(confirmed(confirmedOrder, confirmedCustomer.customerId(), "5.00"));
        publishAndAwait(rejected(rejectedOrder, rejectedCustomer.customerId(), "out of stock"));

        assertThat(CartDatabase.snapshot(confirmedCustomer.customerId())).isEqualTo(confirmedBefore);
        assertThat(CartDatabase.snapshot(rejectedCustomer.customerId())).isEqualTo(rejectedBefore);
        rejectedCustomer.cart().statusCode(200).body("status", equalTo("CHECKED_OUT"))
                .body("orderId", equalTo(secondOrder.toString()));
        assertThat(TestDatabase.inboxRows(confirmation.id())).isEqualTo(1);
        assertThat(TestDatabase.inboxRows(rejection.id())).isEqualTo(1);
    }

    @Test
    void outcomeNamingAnotherCustomerIsDeadLetteredAndChangesNothing() {
        UUID lamp = productKnown(broker, "Lamp", "5.00");
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 1).statusCode(200);
        UUID orderId = customer.checkedOutOrder();
        List<String> before = CartDatabase.snapshot(customer.customerId());
        Envelope wrong = rejected(orderId, UUID.randomUUID(), "out of stock");

        broker.publish(EXCHANGE, wrong);

        ReceivedMessage parked = awaitDeadLetter(wrong);
        assertThat(parked.header(DeadLetters.REASON)).startsWith("rejected by handler").contains("belongs to");
        assertThat(CartDatabase.snapshot(customer.customerId())).isEqualTo(before);
    }

    private void publishAndAwait(Envelope envelope) {
        broker.publish(EXCHANGE, envelope);
        awaitHandled(envelope);
    }

    private ReceivedMessage awaitDeadLetter(Envelope envelope) {
        List<ReceivedMessage> drained = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            drained.addAll(broker.drain(DLQ));
            return drained.stream().anyMatch(m -> envelope.id().toString().equals(m.properties().getMessageId()));
        });
        return drained.stream().filter(m -> envelope.id().toString().equals(m.properties().getMessageId()))
                .findFirst().orElseThrow();
    }
}

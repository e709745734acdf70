package dev.bazaar.ordering.application;

import static dev.bazaar.ordering.testsupport.OrderingApi.awaitStatus;
import static dev.bazaar.ordering.testsupport.Participants.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.cart.CartLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.ordering.testsupport.OrderingDatabase;
import dev.bazaar.ordering.testsupport.Participants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** cart.checked-out turns into an order with the id cart generated, exactly once. */
@QuarkusTest
class CartCheckedOutTest {

    @RegisterExtension
    static final Participants participants = new Participants();

    @Test
    void checkedOutCartBecomesAnOrderWithTheIdCartGenerated() {
        UUID orderId = UUID.randomUUID();
        UUID cartId = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID tea = UUID.randomUUID();

        Envelope checkout = participants.checkedOut(orderId, cartId, customer,
                new CartLine(tea, "SKU-TEA", 4, new BigDecimal("3.10")));

        Envelope reserve = participants.awaitSent(orderId, Contracts.RESERVE_STOCK);
        assertThat(payload(reserve, Contracts.RESERVE_STOCK).lines()).containsExactly(new StockLine(tea, 4));
        assertThat(reserve.causationId()).isEqualTo(checkout.id());
        JsonPath view = awaitStatus(customer, orderId, "PENDING");
        assertThat(view.getString("cartId")).isEqualTo(cartId.toString());
        assertThat(view.getString("customerId")).isEqualTo(customer.toString());
        assertThat(view.getString("steps[0].step")).isEqualTo("order placed");
        assertThat(view.getString("steps[0].messageId")).isEqualTo(checkout.id().toString());
        assertThat(view.getString("steps[0].detail")).contains("cart " + cartId);
    }

    @Test
    void duplicateCheckoutEventCreatesNoSecondOrder() {
        UUID orderId = UUID.randomUUID();
        UUID cartId = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        CartLine line = new CartLine(UUID.randomUUID(), "SKU-DUP", 1, new BigDecimal("1.00"));
        Envelope first = participants.checkedOut(orderId, cartId, customer, line);
        participants.awaitSent(orderId, Contracts.RESERVE_STOCK);

        // cart published the event again (new message id), and the broker redelivered the first copy
        participants.checkedOut(orderId, cartId, customer, line);
        participants.publish(Participants.CART, first);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> OrderingDatabase.stepsNamed(orderId, "ignored cart.checked-out") == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> participants.sent(orderId, Contracts.RESERVE_STOCK).size() == 1);
        assertThat(OrderingDatabase.orders(orderId)).isEqualTo(1);
        assertThat(OrderingDatabase.stepsNamed(orderId, "order placed")).isEqualTo(1);
        assertThat(OrderingDatabase.stepsNamed(orderId, "ignored cart.checked-out")).isEqualTo(1);
    }
}

package dev.bazaar.cart.application;

import static dev.bazaar.cart.testsupport.CartDatabase.awaitHandled;
import static dev.bazaar.cart.testsupport.CatalogEvents.EXCHANGE;
import static dev.bazaar.cart.testsupport.CatalogEvents.created;
import static dev.bazaar.cart.testsupport.CatalogEvents.priceChanged;
import static dev.bazaar.cart.testsupport.CatalogEvents.productKnown;
import static dev.bazaar.cart.testsupport.CatalogEvents.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.cart.testsupport.CartApi;
import dev.bazaar.cart.testsupport.CartDatabase;
import dev.bazaar.cart.testsupport.ProductCopyRow;
import dev.bazaar.events.Envelope;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProductCopyTest {

    private static final String DLQ = "cart.products.dlq";

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void createdProductBecomesUsableInCarts() {
        UUID lamp = UUID.randomUUID();
        Instant now = Instant.now();
        Envelope created = created(lamp, sku(lamp), "Desk lamp", "24.90", now);
        CartApi customer = CartApi.newCustomer();
        customer.setQuantity(lamp, 1).statusCode(404);

        broker.publish(EXCHANGE, created);
        awaitHandled(created);

        customer.setQuantity(lamp, 2).statusCode(200)
                .body("lines[0].productId", equalTo(lamp.toString()))
                .body("lines[0].sku", equalTo(sku(lamp)))
                .body("lines[0].name", equalTo("Desk lamp"))
                .body("lines[0].unitPrice", equalTo("24.90"))
                .body("total", equalTo("49.80"));
        ProductCopyRow copy = CartDatabase.productCopy(lamp);
        assertThat(copy.priceAsOf()).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void priceChangeRepricesTheProductInEveryOpenCart() {
        UUID lamp = productKnown(broker, "Lamp", "10.00");
        UUID bulb = productKnown(broker, "Bulb", "1.50");
        CartApi alice = CartApi.newCustomer();
        CartApi bob = CartApi.newCustomer();
        alice.setQuantity(lamp, 2).statusCode(200);
        alice.setQuantity(bulb, 4).statusCode(200).body("total", equalTo("26.00"));
        bob.setQuantity(lamp, 1).statusCode(200).body("total", equalTo("10.00"));

        Envelope change = priceChanged(lamp, sku(lamp), "10.00", "12.50", Instant.now());
        broker.publish(EXCHANGE, change);
        awaitHandled(change);

        alice.cart().statusCode(200)
                .body("lines.find { it.productId == '" + lamp + "' }.unitPrice", equalTo("12.50"))
                .body("lines.find { it.productId == '" + lamp + "' }.lineTotal", equalTo("25.00"))
                .body("lines.find { it.productId == '" + bulb + "' }.unitPrice", equalTo("1.50"))
                .body("total", equalTo("31.00"));
        bob.cart().statusCode(200).body("lines[0].unitPrice", equalTo("12.50")).body("total", equalTo("12.50"));
    }

    @Test
    void stalePriceChangeArrivingLateDoesNotWin() {
        UUID lamp = UUID.randomUUID();
        Instant created = Instant.now().minusSeconds(60);
        Envelope creation = created(lamp, sku(lamp), "Lamp", "10.00", created);
        Envelope newer = priceChanged(lamp, sku(lamp), "11.00", "12.00", created.plusSeconds(20));
        Envelope older = priceChanged(lamp, sku(lamp), "10.00", "11.00", created.plusSeconds(10));

        broker.publish(EXCHANGE, creation);
        broker.publish(EXCHANGE, newer);
        broker.publish(EXCHANGE, older);
        awaitHandled(newer);
        awaitHandled(older);

        assertThat(CartDatabase.productCopy(lamp).price()).isEqualByComparingTo("12.00");
        CartApi.newCustomer().setQuantity(lamp, 1).statusCode(200).body("lines[0].unitPrice", equalTo("12.00"));
    }

    @Test
    void priceChangeBeforeCreationIsKeptAndTheLateCreationOnlyAddsTheName() {
        UUID chair = UUID.randomUUID();
        Instant createdAt = Instant.now().minusSeconds(30);
        Envelope change = priceChanged(chair, sku(chair), "80.00", "95.00", createdAt.plusSeconds(5));
        Envelope creation = created(chair, sku(chair), "Oak chair", "80.00", createdAt);
        CartApi customer = CartApi.newCustomer();

        broker.publish(EXCHANGE, change);
        awaitHandled(change);
        customer.setQuantity(chair, 1).statusCode(200)
                .body("lines[0].name", equalTo(sku(chair)))
                .body("lines[0].unitPrice", equalTo("95.00"));

        broker.publish(EXCHANGE, creation);
        awaitHandled(creation);
        customer.cart().statusCode(200)
                .body("lines[0].name", equalTo("Oak chair"))
                .body("lines[0].unitPrice", equalTo("95.00"));
    }

    @Test
    void duplicateProductEventHasNoSecondEffect() {
        UUID lamp = UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(60);
        Envelope creation = created(lamp, sku(lamp), "Lamp", "10.00", start);
        Envelope change = priceChanged(lamp, sku(lamp), "10.00", "15.00", start.plusSeconds(1));
        broker.publish(EXCHANGE, creation);
        broker.publish(EXCHANGE, change);
        awaitHandled(change);
        ProductCopyRow before = CartDatabase.productCopy(lamp);

        broker.publish(EXCHANGE, change);
        broker.publish(EXCHANGE, creation);
        broker.publish(EXCHANGE, change);
        // one consumer handles the queue in order: once the marker is handled, the copies before it were too
        UUID marker = productKnown(broker, "Marker", "1.00");

        assertThat(CartDatabase.productCopy(marker)).isNotNull();
        assertThat(CartDatabase.productCopy(lamp)).isEqualTo(before);
        assertThat(before.price()).isEqualByComparingTo("15.00");
        assertThat(TestDatabase.inboxRows(creation.id())).isEqualTo(1);
        assertThat(TestDatabase.inboxRows(change.id())).isEqualTo(1);
    }

    @Test
    void poisonProductMessageIsDeadLetteredWhileTheNextGoodOneApplies() {
        String poison = "{\"not json " + UUID.randomUUID();
        broker.publish(EXCHANGE, "product.created", poison.getBytes(StandardCharsets.UTF_8));
        UUID good = productKnown(broker, "Good product", "3.00");

        ReceivedMessage parked = awaitDeadLetter(message -> message.text().equals(poison));
        assertThat(parked.header(DeadLetters.REASON)).startsWith("invalid message");
        assertThat(parked.header(DeadLetters.QUEUE)).isEqualTo("cart.products");
        assertThat(CartDatabase.productCopy(good).price()).isEqualByComparingTo("3.00");
    }

    @Test
    void priceCartCannotStoreExactlyIsDeadLetteredWithoutEffect() {
        UUID lamp = productKnown(broker, "Lamp", "10.00");
        Envelope change = priceChanged(lamp, sku(lamp), "10.00", "10.005", Instant.now());

        broker.publish(EXCHANGE, change);

        ReceivedMessage parked = awaitDeadLetter(message -> change.id().toString()
                .equals(message.properties().getMessageId()));
        assertThat(parked.header(DeadLetters.REASON)).startsWith("rejected by handler").contains("decimals");
        assertThat(CartDatabase.productCopy(lamp).price()).isEqualByComparingTo("10.00");
    }

    /** Drains the DLQ until a message matching {@code wanted} is there. */
    private ReceivedMessage awaitDeadLetter(Predicate<ReceivedMessage> wanted) {
        List<ReceivedMessage> drained = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            drained.addAll(broker.drain(DLQ));
            return drained.stream().anyMatch(wanted);
        });
        return drained.stream().filter(wanted).findFirst().orElseThrow();
    }
}

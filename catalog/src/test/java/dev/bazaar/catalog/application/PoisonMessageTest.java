package dev.bazaar.catalog.application;

import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.OrderingCommands.EXCHANGE;
import static dev.bazaar.catalog.testsupport.OrderingCommands.line;
import static dev.bazaar.catalog.testsupport.OrderingCommands.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.catalog.testsupport.CatalogDatabase;
import dev.bazaar.catalog.testsupport.StockRow;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.inbox.DeadLetters;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PoisonMessageTest {

    private static final String DLQ = "catalog.stock-commands.dlq";

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void poisonStockCommandsAreDeadLetteredWhileTheGoodCommandBehindThemIsHandled() {
        UUID product = createProduct("1.00", 10);
        String tag = UUID.randomUUID().toString();
        String badJson = "{\"not json " + tag;
        UUID invalidOrder = UUID.randomUUID();
        Envelope valid = reserve(invalidOrder, line(product, 1));
        String schemaInvalid = new String(new MessageCodec().encode(valid), StandardCharsets.UTF_8)
                .replace("\"quantity\":1", "\"quantity\":0");
        assertThat(schemaInvalid).contains("\"quantity\":0");
        UUID goodOrder = UUID.randomUUID();

        try (Collector replies = broker.collect("catalog.events", "stock.reserved")) {
            broker.publish(EXCHANGE, "stock.reserve", badJson.getBytes(StandardCharsets.UTF_8));
            broker.publish(EXCHANGE, "stock.reserve", schemaInvalid.getBytes(StandardCharsets.UTF_8));
            broker.publish(EXCHANGE, reserve(goodOrder, line(product, 2)));

            replies.awaitEnvelope(reply -> reply.correlationId().equals(goodOrder.toString()));
        }

        List<ReceivedMessage> parked = awaitDeadLetters(badJson, schemaInvalid);
        assertThat(parked).extracting(message -> message.header(DeadLetters.REASON)).satisfiesExactly(
                reason -> assertThat(reason).startsWith("invalid message"),
                reason -> assertThat(reason).startsWith("invalid message").contains("quantity"));
        assertThat(parked).allSatisfy(message ->
                assertThat(message.header(DeadLetters.QUEUE)).isEqualTo("catalog.stock-commands"));
        assertThat(CatalogDatabase.reservationStatus(invalidOrder)).as("the schema-invalid command had no effect")
                .isNull();
        assertThat(CatalogDatabase.stock(product)).isEqualTo(new StockRow(8, 2, 0, 10));
    }

    /** Drains the DLQ until both bodies are there; returns them in that order. */
    private List<ReceivedMessage> awaitDeadLetters(String... bodies) {
        List<ReceivedMessage> drained = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            drained.addAll(broker.drain(DLQ));
            return List.of(bodies).stream().allMatch(body -> drained.stream().anyMatch(m -> m.text().equals(body)));
        });
        return List.of(bodies).stream()
                .map(body -> drained.stream().filter(m -> m.text().equals(body)).findFirst().orElseThrow())
                .toList();
    }
}

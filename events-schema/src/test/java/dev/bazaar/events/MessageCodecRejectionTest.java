package dev.bazaar.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way a message can be poison, and a reason an operator can act on when it lands in a dead-letter queue. */
class MessageCodecRejectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageCodec codec = new MessageCodec();

    @Test
    void rejectsMalformedJson() {
        assertRejected("{\"id\": ".getBytes(StandardCharsets.UTF_8)).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void rejectsAnEmptyBody() {
        assertRejected(new byte[0]).hasMessageContaining("malformed JSON").hasMessageContaining("empty");
    }

    @Test
    void rejectsJsonFollowedByGarbage() {
        byte[] sample = ContractFiles.bytes(ContractFiles.SAMPLES, "stock.commit.v1");
        byte[] body = (new String(sample, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);

        assertRejected(body).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertRejected("[1, 2]".getBytes(StandardCharsets.UTF_8))
                .hasMessageStartingWith("envelope invalid")
                .hasMessageContaining("object");
    }

    @Test
    void rejectsAnEnvelopeWithoutSource() {
        assertRejected(reserveStock(wire -> wire.remove("source")))
                .hasMessageStartingWith("envelope invalid")
                .hasMessageContaining("source");
    }

    @Test
    void rejectsAnEnvelopeWithoutPayload() {
        assertRejected(reserveStock(wire -> wire.remove("payload")))
                .hasMessageStartingWith("envelope invalid")
                .hasMessageContaining("payload");
    }

    @Test
    void rejectsAnEnvelopeWithABadOccurredAt() {
        assertRejected(reserveStock(wire -> wire.put("occurredAt", "yesterday")))
                .hasMessageStartingWith("envelope invalid")
                .hasMessageContaining("occurredAt");
    }

    @Test
    void rejectsAnUnknownType() {
        assertRejected(reserveStock(wire -> wire.put("type", "stock.frobnicate")))
                .hasMessageContaining("unknown message type stock.frobnicate");
    }

    @Test
    void rejectsAnUnknownVersionOfAKnownType() {
        assertRejected(reserveStock(wire -> wire.put("version", 7)))
                .hasMessageContaining("unknown version 7")
                .hasMessageContaining("stock.reserve")
                .hasMessageContaining("known: 1");
    }

    @Test
    void rejectsAPayloadMissingARequiredField() {
        assertRejected(reserveStock(wire -> payload(wire).remove("lines")))
                .hasMessageStartingWith("payload invalid for stock.reserve.v1")
                .hasMessageContaining("lines");
    }

    @Test
    void rejectsAReservationWithoutLines() {
        assertRejected(reserveStock(wire -> payload(wire).putArray("lines")))
                .hasMessageStartingWith("payload invalid for stock.reserve.v1")
                .hasMessageContaining("$.lines");
    }

    @Test
    void rejectsAQuantityGivenAsString() {
        assertRejected(reserveStock(wire -> firstLine(wire).put("quantity", "2")))
                .hasMessageStartingWith("payload invalid for stock.reserve.v1")
                .hasMessageContaining("$.lines[0].quantity")
                .hasMessageContaining("integer");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsAQuantityBelowOne(int quantity) {
        assertRejected(reserveStock(wire -> firstLine(wire).put("quantity", quantity)))
                .hasMessageStartingWith("payload invalid for stock.reserve.v1")
                .hasMessageContaining("$.lines[0].quantity")
                .hasMessageContaining("minimum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,50", "12.50001", "twelve", "", "1e3"})
    void rejectsAMalformedMoneyString(String money) {
        assertRejected(stockReserved(wire -> payload(wire).put("total", money)))
                .hasMessageStartingWith("payload invalid for stock.reserved.v1")
                .hasMessageContaining("$.total");
    }

    @Test
    void rejectsMoneyGivenAsAJsonNumber() {
        assertRejected(stockReserved(wire -> payload(wire).put("total", 49.90)))
                .hasMessageStartingWith("payload invalid for stock.reserved.v1")
                .hasMessageContaining("$.total")
                .hasMessageContaining("string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "3f2b6c1e8a4d4e7b9c215d6f7a8b9c01", "3f2b6c1e-8a4d-4e7b-9c21-5d6f7a8b9c0z"})
    void rejectsAMalformedUuidInThePayload(String uuid) {
        assertRejected(reserveStock(wire -> payload(wire).put("orderId", uuid)))
                .hasMessageStartingWith("payload invalid for stock.reserve.v1")
                .hasMessageContaining("$.orderId");
    }

    @Test
    void rejectsAMalformedUuidInTheEnvelope() {
        assertRejected(reserveStock(wire -> wire.put("causationId", "42")))
                .hasMessageStartingWith("envelope invalid")
                .hasMessageContaining("$.causationId");
    }

    @Test
    void reportsOnlyTheFirstFewProblemsOnOneLine() {
        assertRejected(stockReserved(wire -> {
            ArrayNode lines = (ArrayNode) payload(wire).get("lines");
            lines.forEach(line -> ((ObjectNode) line).put("quantity", "many").put("unitPrice", "free"));
        })).hasMessageContaining("more)").hasMessageNotContaining("\n");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] body) {
        return assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(InvalidMessageException.class);
    }

    private static byte[] reserveStock(Consumer<ObjectNode> change) {
        return changed("stock.reserve.v1", change);
    }

    private static byte[] stockReserved(Consumer<ObjectNode> change) {
        return changed("stock.reserved.v1", change);
    }

    /** A golden sample with one deliberate defect. */
    private static byte[] changed(String sample, Consumer<ObjectNode> change) {
        try {
            ObjectNode wire = (ObjectNode) JSON.readTree(ContractFiles.bytes(ContractFiles.SAMPLES, sample));
            change.accept(wire);
            return JSON.writeValueAsBytes(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode payload(ObjectNode wire) {
        return (ObjectNode) wire.get("payload");
    }

    private static ObjectNode firstLine(ObjectNode wire) {
        return (ObjectNode) payload(wire).get("lines").get(0);
    }
}

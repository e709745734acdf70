package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.StockLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    private final MessageCodec codec = new MessageCodec();

    static List<MessageType<?>> contracts() {
        return Contracts.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void encodedFixtureValidatesAgainstItsSchema(MessageType<?> type) throws IOException {
        JsonNode wire = JSON.readTree(codec.encode(wrapFixture(type)));

        assertThat(SCHEMAS.validate(MessageSchemas.ENVELOPE, wire)).isEmpty();
        assertThat(SCHEMAS.validate(type.schemaId(), wire.get("payload"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void decodeOfEncodeGivesBackTheSamePayload(MessageType<?> type) {
        assertPayloadSurvivesRoundTrip(type);
    }

    @Test
    void envelopeSurvivesTheRoundTripUnchanged() {
        Envelope sent = codec.wrap(Contracts.RESERVE_STOCK, Fixtures.payload(Contracts.RESERVE_STOCK),
                "ordering", Fixtures.ORDER.toString(), Fixtures.ORDER.toString(), UUID.randomUUID());

        assertThat(codec.decode(codec.encode(sent))).isEqualTo(sent);
    }

    @Test
    void wrapStampsANewIdTheContractAndTheCurrentTime() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Envelope first = wrapFixture(Contracts.COMMIT_STOCK);
        Envelope second = wrapFixture(Contracts.COMMIT_STOCK);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.type()).isEqualTo("stock.commit");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.occurredAt()).isBetween(before, Instant.now());
        assertThat(first.source()).isEqualTo("test");
    }

    @Test
    void moneyTravelsAsAJsonStringKeepingItsScale() throws IOException {
        JsonNode wire = JSON.readTree(codec.encode(wrapFixture(Contracts.STOCK_RESERVED)));

        assertThat(wire.at("/payload/total").isTextual()).isTrue();
        assertThat(wire.at("/payload/total").asText()).isEqualTo("49.90");
        assertThat(wire.at("/payload/lines/0/unitPrice").asText()).isEqualTo("12.50");
    }

    @Test
    void moneyIsNeverWrittenInScientificNotation() {
        CreditReserved reserved = new CreditReserved(Fixtures.ORDER, Fixtures.CUSTOMER, new BigDecimal("1E+3"));

        Envelope envelope = codec.wrap(Contracts.CREDIT_RESERVED, reserved, "user", "a", "c", null);

        assertThat(envelope.payload().get("amount").asText()).isEqualTo("1000");
    }

    @Test
    void timesTravelAsIso8601UtcStrings() throws IOException {
        Envelope envelope = wrapFixture(Contracts.COMMIT_STOCK);

        JsonNode wire = JSON.readTree(codec.encode(envelope));

        assertThat(wire.get("occurredAt").asText()).endsWith("Z").isEqualTo(envelope.occurredAt().toString());
    }

    @Test
    void missingCausationIsWrittenAsNullAndReadBack() throws IOException {
        Envelope envelope = codec.wrap(Contracts.COMMIT_STOCK, new CommitStock(Fixtures.ORDER), "ordering",
                Fixtures.ORDER.toString(), Fixtures.ORDER.toString(), null);

        byte[] body = codec.encode(envelope);

        assertThat(JSON.readTree(body).get("causationId").isNull()).isTrue();
        assertThat(codec.decode(body).causationId()).isNull();
    }

    @Test
    void decodeToleratesFieldsAddedByNewerProducers() throws IOException {
        ObjectNode wire = (ObjectNode) JSON.readTree(codec.encode(wrapFixture(Contracts.RESERVE_STOCK)));
        wire.put("tenant", "eu-1");
        ((ObjectNode) wire.get("payload")).put("priority", "express");
        ((ObjectNode) wire.at("/payload/lines/0")).put("warehouse", "north");

        Envelope decoded = codec.decode(JSON.writeValueAsBytes(wire));

        assertThat(codec.payload(decoded, Contracts.RESERVE_STOCK))
                .isEqualTo(Fixtures.payload(Contracts.RESERVE_STOCK));
    }

    @Test
    void wrapRefusesAPayloadThatBreaksItsSchema() {
        ReserveStock zeroQuantity = new ReserveStock(Fixtures.ORDER, List.of(new StockLine(Fixtures.MUG, 0)));

        assertThatThrownBy(() -> codec.wrap(Contracts.RESERVE_STOCK, zeroQuantity, "ordering", "a", "c", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stock.reserve.v1")
                .hasMessageContaining("quantity");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrapRefusesAPayloadOfAnotherRecord() {
        MessageType raw = Contracts.RESERVE_STOCK;

        assertThatThrownBy(() -> codec.wrap(raw, new CommitStock(Fixtures.ORDER), "ordering", "a", "c", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReserveStock");
    }

    @Test
    void payloadRefusesAnEnvelopeOfAnotherType() {
        Envelope commit = wrapFixture(Contracts.COMMIT_STOCK);

        assertThatThrownBy(() -> codec.payload(commit, Contracts.RESERVE_STOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stock.commit.v1")
                .hasMessageContaining("stock.reserve.v1");
    }

    private <P> void assertPayloadSurvivesRoundTrip(MessageType<P> type) {
        P payload = Fixtures.payload(type);

        Envelope decoded = codec.decode(codec.encode(wrapFixture(type)));

        assertThat(codec.payload(decoded, type)).isEqualTo(payload);
    }

    private <P> Envelope wrapFixture(MessageType<P> type) {
        return codec.wrap(type, Fixtures.payload(type), "test", Fixtures.ORDER.toString(),
                Fixtures.ORDER.toString(), UUID.randomUUID());
    }
}

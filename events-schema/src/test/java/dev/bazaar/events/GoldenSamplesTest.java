package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples are what other languages and tools see as the contract; they must keep decoding to the records. */
class GoldenSamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    private final MessageCodec codec = new MessageCodec();

    static List<MessageType<?>> contracts() {
        return Contracts.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void goldenSampleDecodesToTheFixtureRecord(MessageType<?> type) {
        Envelope envelope = codec.decode(ContractFiles.bytes(ContractFiles.SAMPLES, type.schemaId()));

        assertThat(envelope.type()).isEqualTo(type.type());
        assertThat(envelope.version()).isEqualTo(type.version());
        assertThat(codec.payload(envelope, type)).isEqualTo(Fixtures.payload(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void reEncodedGoldenSampleStillValidatesAndIsUnchanged(MessageType<?> type) throws IOException {
        byte[] sample = ContractFiles.bytes(ContractFiles.SAMPLES, type.schemaId());

        JsonNode reEncoded = JSON.readTree(codec.encode(codec.decode(sample)));

        assertThat(SCHEMAS.validate(MessageSchemas.ENVELOPE, reEncoded)).isEmpty();
        assertThat(SCHEMAS.validate(type.schemaId(), reEncoded.get("payload"))).isEmpty();
        assertThat(reEncoded).isEqualTo(JSON.readTree(sample));
    }
}

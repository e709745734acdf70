package dev.bazaar.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns payload records into envelopes and bytes and back, validating everything that comes in against the
 * JSON Schemas. Thread-safe; every instance shares one mapper and one set of loaded schemas.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = newMapper();
    private static final MessageSchemas SCHEMAS = new MessageSchemas(MAPPER);

    /**
     * Wraps a payload into a new envelope (random id, occurred now). The payload is checked against its schema
     * here, so a producer bug fails the producer's transaction instead of reaching a consumer's dead-letter queue.
     *
     * @throws IllegalArgumentException if the payload does not satisfy its schema
     */
    public <P> Envelope wrap(MessageType<P> type, P payload, String source, String aggregateId,
            String correlationId, UUID causationId) {
        return wrap(type, payload, source, aggregateId, correlationId, causationId, null);
    }

    /**
     * As {@link #wrap(MessageType, Object, String, String, String, UUID)}, carrying the W3C {@code traceparent} of the
     * span that writes the message (null for none).
     */
    public <P> Envelope wrap(MessageType<P> type, P payload, String source, String aggregateId,
            String correlationId, UUID causationId, String traceparent) {
        Objects.requireNonNull(type, "type");
        if (!type.payloadClass().isInstance(payload)) {
            throw new IllegalArgumentException(type.schemaId() + " needs a " + type.payloadClass().getSimpleName()
                    + " payload, got " + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        JsonNode node = MAPPER.valueToTree(payload);
        List<String> errors = SCHEMAS.validate(type.schemaId(), node);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "payload invalid for " + type.schemaId() + ": " + MessageSchemas.summary(errors));
        }
        // Microseconds: what PostgreSQL keeps, so an envelope read back from the outbox equals the one written.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Envelope(UUID.randomUUID(), type.type(), type.version(), now,
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(aggregateId, "aggregateId"),
                Objects.requireNonNull(correlationId, "correlationId"), causationId, node, traceparent);
    }

    public byte[] encode(Envelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode envelope " + envelope.id(), e);
        }
    }

    /**
     * Parses and validates a message body: JSON, then the envelope schema, then the (type, version) lookup, then
     * the payload schema. Fields that a newer producer added and this version does not know are tolerated.
     *
     * @throws InvalidMessageException with a one-line reason if any step fails
     */
    public Envelope decode(byte[] body) throws InvalidMessageException {
        JsonNode tree = parse(body);
        requireValid(MessageSchemas.ENVELOPE, tree, "envelope invalid");
        String type = tree.get("type").asText();
        int version = tree.get("version").asInt();
        MessageType<?> contract = Contracts.find(type, version).orElseThrow(() -> unknown(type, version));
        JsonNode payload = tree.get("payload");
        requireValid(contract.schemaId(), payload, "payload invalid for " + contract.schemaId());
        // The schemas checked every field's shape: the envelope is built from the parsed tree, and the payload stays
        // the tree's node instead of a copy of it.
        try {
            return new Envelope(UUID.fromString(tree.get("id").asText()), type, version,
                    MAPPER.treeToValue(tree.get("occurredAt"), Instant.class), tree.get("source").asText(),
                    tree.get("aggregateId").asText(), tree.get("correlationId").asText(),
                    uuidOrNull(tree.get("causationId")), payload, textOrNull(tree.get("traceparent")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidMessageException("envelope unreadable for " + contract.schemaId() + ": "
                    + oneLine(e), e);
        }
    }

    private static UUID uuidOrNull(JsonNode node) {
        String text = textOrNull(node);
        return text == null ? null : UUID.fromString(text);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * Maps the envelope's payload to its record.
     *
     * @throws IllegalArgumentException if the envelope carries another type or version than {@code type}
     * @throws InvalidMessageException  if the payload does not map to the record
     */
    public <P> P payload(Envelope envelope, MessageType<P> type) {
        if (!type.type().equals(envelope.type()) || type.version() != envelope.version()) {
            throw new IllegalArgumentException("envelope " + envelope.id() + " carries " + envelope.type() + ".v"
                    + envelope.version() + ", not " + type.schemaId());
        }
        try {
            return MAPPER.treeToValue(envelope.payload(), type.payloadClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidMessageException("payload of " + type.schemaId() + " does not map to "
                    + type.payloadClass().getSimpleName() + ": " + oneLine(e), e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidMessageException("malformed JSON: empty body");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidMessageException("malformed JSON: " + oneLine(e), e);
        }
    }

    private static void requireValid(String schemaId, JsonNode node, String what) {
        List<String> errors = SCHEMAS.validate(schemaId, node);
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(what + ": " + MessageSchemas.summary(errors));
        }
    }

    private static InvalidMessageException unknown(String type, int version) {
        if (!Contracts.knowsType(type)) {
            return new InvalidMessageException("unknown message type " + type + " (version " + version + ")");
        }
        String known = Contracts.all().stream()
                .filter(contract -> contract.type().equals(type))
                .map(contract -> String.valueOf(contract.version()))
                .collect(Collectors.joining(", "));
        return new InvalidMessageException(
                "unknown version " + version + " of message type " + type + " (known: " + known + ")");
    }

    /** Jackson's messages span lines and quote the input; a dead-letter reason must be one short line. */
    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof JsonProcessingException json) {
            message = String.valueOf(json.getOriginalMessage());
            if (json.getLocation() != null && json.getLocation().getLineNr() > 0) {
                message += " at line " + json.getLocation().getLineNr() + ", column "
                        + json.getLocation().getColumnNr();
            }
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Money must never pass through a double, and "12.50" must keep its scale on the wire.
                .addModule(new SimpleModule("bazaar-money").addSerializer(new PlainDecimalSerializer()))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Newer producers may add optional fields; older consumers ignore them (see README).
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}

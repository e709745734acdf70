package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the envelope and of every contract, loaded once from {@code schemas/} on the classpath.
 * Loading all of them up front makes a missing or broken schema fail the first use of the codec, not the first
 * message of a rare type in production.
 */
final class MessageSchemas {

    static final String ENVELOPE = "envelope.v1";
    private static final int REPORTED_ERRORS = 3;

    private final Map<String, JsonSchema> bySchemaId;

    MessageSchemas(ObjectMapper mapper) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // Draft 2020-12 treats "format" as an annotation only; we want "uuid" and "date-time" enforced.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        Map<String, JsonSchema> schemas = new HashMap<>();
        schemas.put(ENVELOPE, factory.getSchema(read(mapper, ENVELOPE), config));
        for (MessageType<?> contract : Contracts.all()) {
            schemas.put(contract.schemaId(), factory.getSchema(read(mapper, contract.schemaId()), config));
        }
        this.bySchemaId = Map.copyOf(schemas);
    }

    /** The classpath location of a schema, e.g. {@code schemas/stock.reserve.v1.json}. */
    static String resource(String schemaId) {
        return "schemas/" + schemaId + ".json";
    }

    /** All validation errors of {@code node} against the schema, each starting with the JSON path; empty if valid. */
    List<String> validate(String schemaId, JsonNode node) {
        JsonSchema schema = bySchemaId.get(schemaId);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + schemaId);
        }
        return schema.validate(node).stream().map(ValidationMessage::getMessage).toList();
    }

    /** The first few errors on one line: enough to find the problem, short enough for a dead-letter header. */
    static String summary(List<String> errors) {
        String shown = String.join("; ", errors.subList(0, Math.min(REPORTED_ERRORS, errors.size())));
        int hidden = errors.size() - REPORTED_ERRORS;
        return hidden > 0 ? shown + " (and " + hidden + " more)" : shown;
    }

    private static JsonNode read(ObjectMapper mapper, String schemaId) {
        String resource = resource(schemaId);
        try (InputStream in = MessageSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is not on the classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }
}

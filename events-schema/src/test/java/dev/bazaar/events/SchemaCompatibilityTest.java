package dev.bazaar.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void identicalSchemasAreCompatible() {
        String schema = """
                {"type": "object", "required": ["orderId"], "properties": {"orderId": {"type": "string"}}}""";

        assertThat(changes(schema, schema)).isEmpty();
    }

    @Test
    void addingAnOptionalPropertyIsCompatible() {
        assertThat(changes("""
                {"type": "object", "required": ["orderId"], "properties": {"orderId": {"type": "string"}}}""", """
                {"type": "object", "required": ["orderId"],
                 "properties": {"orderId": {"type": "string"}, "note": {"type": "string"}}}"""))
                .isEmpty();
    }

    @Test
    void addingAnEnumValueIsCompatible() {
        assertThat(changes("""
                {"properties": {"state": {"type": "string", "enum": ["OPEN", "CLOSED"]}}}""", """
                {"properties": {"state": {"type": "string", "enum": ["OPEN", "CLOSED", "ARCHIVED"]}}}"""))
                .isEmpty();
    }

    @Test
    void removingAPropertyIsBreaking() {
        assertThat(changes("""
                {"properties": {"orderId": {"type": "string"}, "note": {"type": "string"}}}""", """
                {"properties": {"orderId": {"type": "string"}}}"""))
                .containsExactly("$.note: property removed");
    }

    @Test
    void renamingAPropertyIsBreakingAsARemoval() {
        assertThat(changes("""
                {"required": ["orderId"], "properties": {"orderId": {"type": "string"}}}""", """
                {"required": ["order"], "properties": {"order": {"type": "string"}}}"""))
                .containsExactlyInAnyOrder("$.orderId: property removed", "$.order: new required property");
    }

    @Test
    void changingAPropertyTypeIsBreaking() {
        assertThat(changes("""
                {"properties": {"quantity": {"type": "integer"}}}""", """
                {"properties": {"quantity": {"type": "string"}}}"""))
                .containsExactly("$.quantity: type changed from [integer] to [string]");
    }

    @Test
    void makingAPropertyNullableIsBreaking() {
        assertThat(changes("""
                {"properties": {"sku": {"type": "string"}}}""", """
                {"properties": {"sku": {"type": ["string", "null"]}}}"""))
                .containsExactly("$.sku: type changed from [string] to [null, string]");
    }

    @Test
    void pointingAReferenceElsewhereIsBreaking() {
        assertThat(changes("""
                {"properties": {"total": {"$ref": "#/$defs/money"}}}""", """
                {"properties": {"total": {"$ref": "#/$defs/uuid"}}}"""))
                .singleElement().asString().startsWith("$.total: type changed");
    }

    @Test
    void addingARequiredPropertyIsBreaking() {
        assertThat(changes("""
                {"required": ["orderId"], "properties": {"orderId": {"type": "string"}}}""", """
                {"required": ["orderId", "customerId"],
                 "properties": {"orderId": {"type": "string"}, "customerId": {"type": "string"}}}"""))
                .containsExactly("$.customerId: new required property");
    }

    @Test
    void makingAnOptionalPropertyRequiredIsBreaking() {
        assertThat(changes("""
                {"required": [], "properties": {"note": {"type": "string"}}}""", """
                {"required": ["note"], "properties": {"note": {"type": "string"}}}"""))
                .containsExactly("$.note: optional property became required");
    }

    @Test
    void removingAnEnumValueIsBreaking() {
        assertThat(changes("""
                {"properties": {"state": {"type": "string", "enum": ["OPEN", "CLOSED"]}}}""", """
                {"properties": {"state": {"type": "string", "enum": ["OPEN"]}}}"""))
                .containsExactly("$.state: enum value \"CLOSED\" removed");
    }

    @Test
    void forbiddingAdditionalPropertiesIsBreaking() {
        assertThat(changes("""
                {"type": "object", "additionalProperties": true}""", """
                {"type": "object", "additionalProperties": false}"""))
                .containsExactly("$: additional properties are no longer allowed");
    }

    @Test
    void findsBreaksInsideNestedObjects() {
        assertThat(changes("""
                {"properties": {"address": {"type": "object", "properties": {"city": {"type": "string"}}}}}""", """
                {"properties": {"address": {"type": "object", "properties": {"town": {"type": "string"}}}}}"""))
                .containsExactly("$.address.city: property removed");
    }

    @Test
    void findsBreaksInsideArrayItems() {
        assertThat(changes("""
                {"properties": {"lines": {"type": "array", "items": {"type": "object", "required": ["sku"],
                  "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}}}}}}""", """
                {"properties": {"lines": {"type": "array", "items": {"type": "object", "required": ["sku", "quantity"],
                  "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}}}}}}"""))
                .containsExactly("$.lines[].quantity: optional property became required");
    }

    @Test
    void findsBreaksInsideDefinitions() {
        assertThat(changes("""
                {"properties": {"lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}}},
                 "$defs": {"Line": {"type": "object", "properties": {"quantity": {"type": "integer"}}}}}""", """
                {"properties": {"lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}}},
                 "$defs": {"Line": {"type": "object", "properties": {"quantity": {"type": "number"}}}}}"""))
                .containsExactly("$.$defs.Line.quantity: type changed from [integer] to [number]");
    }

    @Test
    void removingADefinitionIsBreaking() {
        assertThat(changes("""
                {"$defs": {"uuid": {"type": "string"}}}""", """
                {"$defs": {}}"""))
                .containsExactly("$.$defs.uuid: definition removed");
    }

    private static List<String> changes(String oldSchema, String newSchema) {
        return SchemaCompatibility.breakingChanges(parse(oldSchema), parse(newSchema));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

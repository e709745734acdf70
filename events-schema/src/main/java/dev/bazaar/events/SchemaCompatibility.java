package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the changes between a released schema and its current version that would break a producer or consumer
 * built against the released one. Breaking: a property removed (a rename is a removal), a property's type
 * changed, a new required property, an optional property becoming required, an enum value removed, a definition
 * in {@code $defs} removed, or additional properties forbidden. Adding optional properties is not breaking.
 * <p>
 * Deliberately conservative: a {@code $ref} counts as the type it names, so replacing a reference by an equal
 * inline schema is reported too. Tightened constraints (pattern, minimum, length) are not checked.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Human-readable breaking changes, each starting with the JSON path it concerns; empty if compatible. */
    public static List<String> breakingChanges(JsonNode oldSchema, JsonNode newSchema) {
        List<String> changes = new ArrayList<>();
        compare(oldSchema, newSchema, "$", changes);
        return changes;
    }

    private static void compare(JsonNode oldSchema, JsonNode newSchema, String path, List<String> changes) {
        if (!oldSchema.isObject() || !newSchema.isObject()) {
            return;
        }
        Set<String> oldType = typeOf(oldSchema);
        Set<String> newType = typeOf(newSchema);
        if (!oldType.equals(newType)) {
            changes.add(path + ": type changed from " + oldType + " to " + newType);
        }
        compareEnums(oldSchema, newSchema, path, changes);
        compareRequired(oldSchema, newSchema, path, changes);
        if (!forbidsAdditional(oldSchema) && forbidsAdditional(newSchema)) {
            changes.add(path + ": additional properties are no longer allowed");
        }
        compareChildren(oldSchema.path("properties"), newSchema.path("properties"), path + ".", "property", changes);
        compare(oldSchema.path("items"), newSchema.path("items"), path + "[]", changes);
        compareChildren(oldSchema.path("$defs"), newSchema.path("$defs"), path + ".$defs.", "definition", changes);
    }

    private static void compareChildren(JsonNode oldChildren, JsonNode newChildren, String prefix, String kind,
            List<String> changes) {
        for (Map.Entry<String, JsonNode> child : oldChildren.properties()) {
            JsonNode replacement = newChildren.get(child.getKey());
            if (replacement == null) {
                changes.add(prefix + child.getKey() + ": " + kind + " removed");
            } else {
                compare(child.getValue(), replacement, prefix + child.getKey(), changes);
            }
        }
    }

    private static void compareRequired(JsonNode oldSchema, JsonNode newSchema, String path, List<String> changes) {
        Set<String> oldRequired = texts(oldSchema.path("required"));
        for (String name : texts(newSchema.path("required"))) {
            if (oldRequired.contains(name)) {
                continue;
            }
            if (oldSchema.path("properties").has(name)) {
                changes.add(path + "." + name + ": optional property became required");
            } else {
                changes.add(path + "." + name + ": new required property");
            }
        }
    }

    private static void compareEnums(JsonNode oldSchema, JsonNode newSchema, String path, List<String> changes) {
        JsonNode oldEnum = oldSchema.path("enum");
        JsonNode newEnum = newSchema.path("enum");
        if (!oldEnum.isArray() || !newEnum.isArray()) {
            return;
        }
        for (JsonNode value : oldEnum) {
            if (!contains(newEnum, value)) {
                changes.add(path + ": enum value " + value + " removed");
            }
        }
    }

    /** The declared types as a set, or the referenced definition when the schema is a {@code $ref}. */
    private static Set<String> typeOf(JsonNode schema) {
        if (schema.has("$ref")) {
            return Set.of("$ref " + schema.get("$ref").asText());
        }
        return texts(schema.path("type"));
    }

    private static boolean forbidsAdditional(JsonNode schema) {
        JsonNode additional = schema.path("additionalProperties");
        return additional.isBoolean() && !additional.asBoolean();
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> texts = new TreeSet<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        for (JsonNode element : node) {
            texts.add(element.asText());
        }
        return texts;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}

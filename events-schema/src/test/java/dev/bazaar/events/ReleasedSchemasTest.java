package dev.bazaar.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards what is already on the wire: {@code src/test/resources/released-schemas} holds every schema as it was
 * released, and the current schemas may only grow compatibly from there (see the module README).
 */
class ReleasedSchemasTest {

    static List<String> releasedSchemaIds() {
        return ContractFiles.schemaIds(ContractFiles.RELEASED_SCHEMAS);
    }

    @Test
    void noReleasedSchemaWasDeleted() {
        assertThat(ContractFiles.schemaIds(ContractFiles.SCHEMAS)).containsAll(releasedSchemaIds());
    }

    @Test
    void everySchemaHasBeenAddedToTheReleasedSchemas() {
        assertThat(releasedSchemaIds()).containsAll(ContractFiles.schemaIds(ContractFiles.SCHEMAS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemaIds")
    void currentSchemaIsCompatibleWithItsReleasedCopy(String schemaId) {
        List<String> breakingChanges = SchemaCompatibility.breakingChanges(
                ContractFiles.read(ContractFiles.RELEASED_SCHEMAS, schemaId),
                ContractFiles.read(ContractFiles.SCHEMAS, schemaId));

        assertThat(breakingChanges)
                .as("%s changed incompatibly; publish a new version instead (see README.md)", schemaId)
                .isEmpty();
    }
}

package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContractFilesTest {

    @Test
    void everyContractHasASchemaFile() {
        assertThat(ContractFiles.schemaIds(ContractFiles.SCHEMAS)).containsAll(contractSchemaIds());
    }

    @Test
    void everyContractHasAGoldenSample() {
        assertThat(ContractFiles.schemaIds(ContractFiles.SAMPLES))
                .containsExactlyInAnyOrderElementsOf(contractSchemaIds());
    }

    @Test
    void everySchemaFileBelongsToAContractOrTheEnvelope() {
        List<String> expected = new ArrayList<>(contractSchemaIds());
        expected.add(MessageSchemas.ENVELOPE);
        assertThat(ContractFiles.schemaIds(ContractFiles.SCHEMAS)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everySchemaIsDraft202012WithItsOwnIdAndAllowsAddedFields() {
        for (String schemaId : ContractFiles.schemaIds(ContractFiles.SCHEMAS)) {
            JsonNode schema = ContractFiles.read(ContractFiles.SCHEMAS, schemaId);
            assertThat(schema.path("$schema").asText()).as(schemaId)
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(schemaId).endsWith("/" + schemaId + ".json");
            assertThat(schema.path("additionalProperties").asBoolean(false)).as(schemaId).isTrue();
            schema.path("$defs").properties().stream()
                    .filter(definition -> definition.getValue().path("type").asText().equals("object"))
                    .forEach(definition -> assertThat(definition.getValue().path("additionalProperties")
                            .asBoolean(false)).as(schemaId + " " + definition.getKey()).isTrue());
        }
    }

    @Test
    void contractsHaveDistinctSchemaIdsAndPayloadClasses() {
        assertThat(contractSchemaIds()).doesNotHaveDuplicates();
        assertThat(Contracts.all()).extracting(MessageType::payloadClass).doesNotHaveDuplicates();
    }

    @Test
    void findLooksUpByTypeAndVersion() {
        assertThat(Contracts.find("stock.reserve", 1)).contains(Contracts.RESERVE_STOCK);
        assertThat(Contracts.find("stock.reserve", 2)).isEmpty();
        assertThat(Contracts.find("stock.frobnicate", 1)).isEmpty();
    }

    @Test
    void schemaIdJoinsTypeAndVersion() {
        assertThat(Contracts.PRODUCT_PRICE_CHANGED.schemaId()).isEqualTo("product.price-changed.v1");
        assertThat(Files.exists(ContractFiles.file(ContractFiles.SCHEMAS, "product.price-changed.v1"))).isTrue();
    }

    private static List<String> contractSchemaIds() {
        return Contracts.all().stream().map(MessageType::schemaId).toList();
    }
}

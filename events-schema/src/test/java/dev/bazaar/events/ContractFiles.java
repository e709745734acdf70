package dev.bazaar.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The schema, sample and released-schema files as the build put them on the test classpath. */
final class ContractFiles {

    static final String SCHEMAS = "schemas";
    static final String SAMPLES = "samples";
    static final String RELEASED_SCHEMAS = "released-schemas";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractFiles() {
    }

    static Path file(String folder, String schemaId) {
        return folder(folder).resolve(schemaId + ".json");
    }

    /** The schema ids ({@code stock.reserve.v1}) of the JSON files in a folder, sorted. */
    static List<String> schemaIds(String folder) {
        try (Stream<Path> files = Files.list(folder(folder))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String folder, String schemaId) {
        return read(file(folder, schemaId));
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String folder, String schemaId) {
        try {
            return Files.readAllBytes(file(folder, schemaId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(String folder) {
        URL url = ContractFiles.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no folder " + folder + " on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.bazaar.infra.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For {@code @QuarkusIntegrationTest}s: the packaged application runs in the prod profile as its own process, where
 * the test keys on the test classpath are out of reach. This copies them to files and hands their paths over the way
 * production does ({@code BAZAAR_JWT_PUBLIC_KEY}, {@code BAZAAR_JWT_PRIVATE_KEY}), so tokens from {@link TestTokens}
 * are accepted and the user service can sign. Use with {@code restrictToAnnotatedClass = true}.
 */
public class PackagedAppKeys implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("bazaar-it-keys");
            return Map.of("BAZAAR_JWT_PUBLIC_KEY", copy("test-keys/public.pem").toString(),
                    "BAZAAR_JWT_PRIVATE_KEY", copy("test-keys/private.pem").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path copy(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Path file = directory.resolve(Path.of(resource).getFileName());
            Files.copy(in, file);
            return file;
        }
    }
}

package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * What {@code ./bazaar run} hands each service it starts: the script is sourced and its own start_service runs with a
 * stub {@code java} on the PATH that prints the environment it was given instead of starting the service.
 */
class LocalRunTest {

    private final Path work = Repository.file("e2e/target/local-run-test/" + UUID.randomUUID());

    @Test
    void servicesListenOnLoopbackOnlyUnlessTheBindHostOpensThem() {
        for (String service : Repository.SERVICES) {
            assertThat(environmentOf(service, Map.of())).as(service).containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1");
        }

        assertThat(environmentOf("catalog", Map.of("BAZAAR_BIND_HOST", "0.0.0.0")))
                .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    }

    @Test
    void onlyTheUserServiceGetsTheSigningKeyAndTheAdminPassword() {
        for (String service : Repository.SERVICES) {
            Map<String, String> given = environmentOf(service, Map.of());

            assertThat(given).as(service).containsKey("BAZAAR_JWT_PUBLIC_KEY");
            if (service.equals("user")) {
                assertThat(given).containsKeys("BAZAAR_JWT_PRIVATE_KEY", "BAZAAR_USER_ADMIN_EMAIL",
                        "BAZAAR_USER_ADMIN_PASSWORD");
            } else {
                assertThat(given).as(service + ": only user signs tokens and creates the admin")
                        .doesNotContainKeys("BAZAAR_JWT_PRIVATE_KEY", "BAZAAR_USER_ADMIN_PASSWORD");
                assertThat(given.values()).as(service).noneMatch(value -> value.contains("private.pem"));
            }
        }
    }

    /** Starts one service the way ./bazaar run does, with the given extra settings; returns what java was given. */
    private Map<String, String> environmentOf(String service, Map<String, String> settings) {
        Path state = work.resolve(service + "-" + UUID.randomUUID());
        Path bin = work.resolve("bin");
        try {
            Files.createDirectories(bin);
            Path java = bin.resolve("java");
            Files.writeString(java, "#!/bin/sh\nexec env\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new LinkedHashMap<>(settings);
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("BAZAAR_STATE_DIR", state.toString());
        environment.put("BAZAAR_" + service.toUpperCase() + "_PORT", String.valueOf(Repository.freePort()));

        Repository.CommandResult result = Repository.run(List.of("bash", "-c",
                "source ./bazaar && start_service \"$1\" && wait", "bash", service), environment);

        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, String> given = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(state.resolve("logs/" + service + ".log"))) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    given.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(given).as("the stub java ran").containsKey("QUARKUS_HTTP_PORT");
        return given;
    }
}

package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's Dockerfile.jvm and Dockerfile.native: the final stage runs as a non-root user, exposes the port the
 * service listens on (quarkus.http.port), pins its base image, and copies only the build output, never keys, .env
 * files or other secrets.
 */
class DockerfileTest {

    private static final Pattern SECRET_SOURCE = Pattern.compile(
            "(?i).*(\\.pem|\\.key|\\.p12|\\.jks|\\.env|secret|credential|keys?/|id_rsa|\\.bazaar).*");

    record Instruction(String keyword, String arguments) {
    }

    static Stream<Arguments> dockerfiles() {
        return Repository.SERVICES.stream().flatMap(service -> Stream.of(Arguments.of(service, "Dockerfile.jvm"),
                Arguments.of(service, "Dockerfile.native")));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("dockerfiles")
    void finalStageRunsAsANonRootUser(String service, String dockerfile) {
        List<Instruction> finalStage = finalStage(service, dockerfile);

        List<String> users = finalStage.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments)
                .toList();
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0].trim();
        assertThat(user).as("final USER").isNotIn("root", "0", "").doesNotContain("$");
        if (dockerfile.endsWith(".jvm")) {
            // Kubernetes checks runAsNonRoot against a numeric uid; quarkus.kubernetes runs the pod as this one.
            assertThat(user).isEqualTo(Repository.serviceSettings(service)
                    .getProperty("quarkus.kubernetes.security-context.run-as-user"));
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("dockerfiles")
    void exposesThePortTheServiceListensOn(String service, String dockerfile) {
        String port = Repository.applicationProperties(service).getProperty("quarkus.http.port");

        List<String> exposed = finalStage(service, dockerfile).stream().filter(i -> i.keyword().equals("EXPOSE"))
                .flatMap(i -> Stream.of(i.arguments().split("\\s+"))).map(p -> p.replace("/tcp", "")).toList();

        assertThat(port).isNotBlank();
        assertThat(exposed).containsExactly(port);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("dockerfiles")
    void copiesOnlyTheBuildOutputAndPinsItsBase(String service, String dockerfile) {
        List<Instruction> instructions = instructions(service, dockerfile);

        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("COPY") || instruction.keyword().equals("ADD")) {
                List<String> words = new ArrayList<>(List.of(instruction.arguments().split("\\s+")));
                words.removeIf(word -> word.startsWith("--"));
                List<String> sources = words.subList(0, words.size() - 1);
                assertThat(sources).as(instruction.toString()).isNotEmpty()
                        .allSatisfy(source -> assertThat(source).startsWith("target/")
                                .doesNotMatch(SECRET_SOURCE));
            }
            if (instruction.keyword().equals("ENV") || instruction.keyword().equals("ARG")) {
                assertThat(instruction.arguments()).as(instruction.toString())
                        .doesNotContainPattern("(?i)(password|secret|private)[A-Z_]*=");
            }
        }
        String base = instructions.stream().filter(i -> i.keyword().equals("FROM")).reduce((a, b) -> b)
                .orElseThrow().arguments().split("\\s+")[0];
        assertThat(base).as("base image pinned to a tag").contains(":").doesNotEndWith(":latest");
    }

    private static List<Instruction> finalStage(String service, String dockerfile) {
        List<Instruction> all = instructions(service, dockerfile);
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }

    /** Dockerfile instructions with comments dropped and continuation lines joined. */
    static List<Instruction> instructions(String service, String dockerfile) {
        String text = Repository.read(service + "/src/main/docker/" + dockerfile);
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        assertThat(instructions).as(dockerfile + " of " + service).isNotEmpty();
        return instructions;
    }
}

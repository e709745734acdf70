package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GitHub Actions workflow (.github/workflows/ci.yml) cannot run here, so what can be checked offline is: it parses,
 * its jobs are the four the README describes, and every module, test class, file and setting it names exists, so a
 * rename in the project cannot leave the workflow pointing at nothing.
 */
class WorkflowTest {

    private static final Pattern MODULES = Pattern.compile("-pl\\s+([\\w,-]+)");
    private static final Pattern TEST_CLASSES = Pattern.compile("-D(?:it\\.)?test=([\\w,]+)");
    private static final Pattern DOCKERFILES = Pattern.compile("-f\\s+(\\$s|\\w+)/(src/main/docker/[\\w.]+)");

    private final JsonNode workflow = Repository.yamlDocuments(Repository.file(".github/workflows/ci.yml")).get(0);

    @Test
    void runsOnPushToMainAndOnPullRequestsWithFourTimeBoxedJobs() {
        JsonNode on = workflow.path("on");
        assertThat(on.path("push").path("branches").toString()).contains("\"main\"");
        assertThat(on.has("pull_request")).isTrue();
        assertThat(fieldNames(workflow.path("jobs"))).containsExactly("build-test", "zero-config", "native", "images");
        workflow.path("jobs").fields().forEachRemaining(job -> {
            assertThat(job.getValue().path("runs-on").asText()).as(job.getKey()).isNotBlank();
            assertThat(job.getValue().path("timeout-minutes").asInt()).as(job.getKey()).isBetween(1, 360);
        });
    }

    @Test
    void everyActionIsPinnedToAVersion() {
        List<String> actions = steps().stream().map(step -> step.path("uses").asText()).filter(s -> !s.isEmpty())
                .toList();

        assertThat(actions).isNotEmpty().allSatisfy(action -> assertThat(action)
                .matches("[\\w.-]+/[\\w.-]+@(v\\d+(\\.\\d+)*|[0-9a-f]{40})"));
    }

    @Test
    void buildAndTestRunsWhatCiRunsHere() {
        String script = run("build-test");

        assertThat(script).contains(".ci/run");
        assertThat(Repository.read(".ci/run")).contains("./bazaar test");
        assertThat(script).as("the servers and tools ./bazaar test expects").contains("postgresql", "rabbitmq-server",
                "nginx", "docker-compose");
    }

    @Test
    void zeroConfigJobTurnsOnDevServicesThroughTheSwitchTheTestsRead() {
        JsonNode env = workflow.path("jobs").path("zero-config").path("env");

        assertThat(env.path("BAZAAR_DEV_SERVICES").asText()).isEqualTo("true");
        assertThat(Repository.read("infra/src/test/java/dev/bazaar/infra/testing/LocalServices.java"))
                .contains("\"BAZAAR_DEV_SERVICES\"");
        assertThat(run("zero-config")).contains("ContainerizedInfrastructureIT");
    }

    @Test
    void nativeJobBuildsWithTheNativeProfile() {
        String script = run("native");

        assertThat(script).contains("-Dnative", "-Dquarkus.native.container-build=true");
        assertThat(Repository.read("pom.xml")).contains("<id>native</id>");
    }

    @Test
    void imagesJobStartsTheComposeStackAndCallsTheGatewayOnItsPublishedPort() {
        String script = run("images");

        assertThat(script).contains("-Dquarkus.container-image.build=true", "infra/compose/setup.sh",
                "docker compose up -d --wait");
        assertThat(Repository.read("compose.yaml")).contains("\"${BAZAAR_GATEWAY_PORT:-8080}:8080\"");
        assertThat(script).contains("http://localhost:8080/api/catalog/products");
    }

    @Test
    void everyModuleTestClassAndFileItNamesExists() {
        String scripts = String.join("\n", steps().stream().map(step -> step.path("run").asText()).toList());
        List<String> named = new ArrayList<>();

        Matcher modules = MODULES.matcher(scripts);
        while (modules.find()) {
            for (String module : modules.group(1).split(",")) {
                named.add(module);
                assertThat(Repository.file(module + "/pom.xml")).as("-pl " + module).exists();
            }
        }
        Matcher tests = TEST_CLASSES.matcher(scripts);
        while (tests.find()) {
            for (String test : tests.group(1).split(",")) {
                if (!test.equals("none")) {
                    named.add(test);
                    assertThat(sourceFile(test)).as("test class " + test).isNotEmpty();
                }
            }
        }
        Matcher dockerfiles = DOCKERFILES.matcher(scripts);
        while (dockerfiles.find()) {
            List<String> services = dockerfiles.group(1).equals("$s") ? Repository.SERVICES
                    : List.of(dockerfiles.group(1));
            for (String service : services) {
                named.add(service + "/" + dockerfiles.group(2));
                assertThat(Repository.file(service + "/" + dockerfiles.group(2))).exists();
            }
        }
        assertThat(named).as("what the workflow names").contains("events-schema", "infra", "e2e",
                "ContainerizedInfrastructureIT", "catalog/src/main/docker/Dockerfile.native");
    }

    private String run(String job) {
        JsonNode steps = workflow.path("jobs").path(job).path("steps");
        assertThat(steps.isArray()).as(job + " steps").isTrue();
        StringBuilder script = new StringBuilder();
        steps.forEach(step -> script.append(step.path("run").asText()).append('\n'));
        return script.toString();
    }

    private List<JsonNode> steps() {
        List<JsonNode> steps = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
        return steps;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Path> sourceFile(String testClass) {
        try (Stream<Path> files = Files.walk(Repository.root(), 12)) {
            return files.filter(file -> file.getFileName().toString().equals(testClass + ".java"))
                    .filter(file -> file.toString().contains("/src/test/java/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

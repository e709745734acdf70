package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yaml as Docker Compose reads it: valid for Compose itself (its {@code config} command validates against the
 * Compose schema and resolves every variable, offline), and shaped the way the README promises.
 */
class ComposeFileTest {

    private static final List<String> ALL = Stream.concat(Repository.SERVICES.stream(), Stream.of(
            "postgres", "rabbitmq", "gateway", "prometheus", "grafana", "jaeger", "loki", "alloy")).toList();
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|cookie|private).*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+(:?[?-][^}]*)?}");

    @Test
    void composeValidatesTheFileAndResolvesEveryVariableFromEnvExample() {
        List<String> command = new ArrayList<>(compose());
        command.addAll(List.of("--env-file", ".env.example", "-f", "compose.yaml", "config", "-q"));

        Repository.CommandResult result = Repository.run(command);

        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    }

    @Test
    void startsEveryPartAndEachOneHasAHealthcheck() {
        Map<String, Map<String, Object>> services = services();

        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(ALL);
        services.forEach((name, service) -> {
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            assertThat(healthcheck).as(name + " healthcheck").isNotNull();
            assertThat(healthcheck.get("test")).as(name + " healthcheck test").isInstanceOf(List.class);
            assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
        });
    }

    @Test
    void everyDependencyWaitsUntilTheOtherIsHealthy() {
        Map<String, Map<String, Object>> services = services();

        for (String service : Repository.SERVICES) {
            assertThat(map(services.get(service).get("depends_on")).keySet()).as(service)
                    .containsExactlyInAnyOrder("postgres", "rabbitmq");
        }
        assertThat(map(services.get("gateway").get("depends_on")).keySet())
                .containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as(name + ": depends_on with conditions, not a list").isInstanceOf(Map.class);
                map(dependsOn).forEach((other, condition) -> assertThat(map(condition).get("condition"))
                        .as(name + " -> " + other).isEqualTo("service_healthy"));
            }
        });
    }

    @Test
    void servicesAreBuiltFromTheirDockerfilesAndTaggedAsQuarkusWouldTagThem() {
        Map<String, Map<String, Object>> services = services();

        for (String service : Repository.SERVICES) {
            Map<String, Object> build = map(services.get(service).get("build"));
            assertThat(build.get("context")).as(service).isEqualTo("./" + service);
            assertThat(build.get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Repository.file(service + "/src/main/docker/Dockerfile.jvm")).exists();
            Properties properties = Repository.serviceSettings(service);
            String image = properties.getProperty("quarkus.container-image.group") + "/"
                    + properties.getProperty("quarkus.container-image.name");
            assertThat((String) services.get(service).get("image")).startsWith(image + ":");
        }
        Map<String, Object> gateway = services.get("gateway");
        assertThat(strings(gateway.get("volumes"))).contains("./infra/gateway/nginx.conf:/etc/nginx/nginx.conf:ro",
                "./infra/gateway/templates:/etc/nginx/templates:ro");
    }

    @Test
    void dataLivesInNamedVolumes() {
        Map<String, Object> compose = compose(Repository.read("compose.yaml"));
        Map<String, Object> volumes = map(compose.get("volumes"));
        Map<String, Map<String, Object>> services = services();

        assertThat(volumes).containsKeys("postgres-data", "rabbitmq-data");
        assertThat(strings(services.get("postgres").get("volumes")))
                .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(strings(services.get("rabbitmq").get("volumes"))).contains("rabbitmq-data:/var/lib/rabbitmq");
    }

    @Test
    void prometheusScrapesEveryServiceWithTheAlertRulesAndGrafanaShowsItsDashboard() {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> prometheus = compose(Repository.read("infra/monitoring/prometheus/prometheus.yml"));

        assertThat(strings(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(strings(services.get("prometheus").get("volumes"))).contains(
                "./infra/monitoring/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./infra/monitoring/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        List<Map<String, Object>> jobs = ((List<?>) prometheus.get("scrape_configs")).stream().map(ComposeFileTest::map)
                .toList();
        for (String service : Repository.SERVICES) {
            String port = Repository.applicationProperties(service).getProperty("quarkus.http.port");
            assertThat(jobs).as(service).anySatisfy(job -> {
                assertThat(job.get("job_name")).isEqualTo(service);
                assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
                assertThat(strings(map(((List<?>) job.get("static_configs")).get(0)).get("targets")))
                        .containsExactly(service + ":" + port);
            });
        }

        Map<String, Object> datasources = compose(Repository.read(
                "infra/monitoring/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = map(((List<?>) datasources.get("datasources")).get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        String dashboard = Repository.read("infra/monitoring/grafana/dashboards/bazaar.json");
        assertThat(dashboard).contains("\"uid\": \"" + datasource.get("uid") + "\"");
        assertThat(strings(services.get("grafana").get("volumes"))).contains(
                "./infra/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./infra/monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(map(services.get("grafana").get("depends_on"))).containsOnlyKeys("prometheus", "loki", "jaeger");
    }

    @Test
    void everyServiceExportsItsTracesToJaegerAndAlloyShipsTheLogsToLokiWithTheOrderIds() {
        Map<String, Map<String, Object>> services = services();
        for (String service : Repository.SERVICES) {
            Map<String, Object> environment = environment(services.get(service));
            assertThat(environment).as(service).containsEntry("BAZAAR_OTLP_ENDPOINT", "http://jaeger:4318")
                    .containsEntry("BAZAAR_TRACE_SAMPLING", "${BAZAAR_TRACE_SAMPLING:-0.1}");
        }
        assertThat(environment(services.get("jaeger"))).containsEntry("COLLECTOR_OTLP_ENABLED", "true");
        assertThat(strings(services.get("loki").get("volumes")))
                .contains("./infra/monitoring/loki/loki.yaml:/etc/loki/loki.yaml:ro");
        assertThat(strings(services.get("alloy").get("volumes"))).contains(
                "./infra/monitoring/alloy/config.alloy:/etc/alloy/config.alloy:ro",
                "/var/run/docker.sock:/var/run/docker.sock:ro");
        String alloy = Repository.read("infra/monitoring/alloy/config.alloy");
        assertThat(alloy).contains("url = \"http://loki:3100/loki/api/v1/push\"")
                .contains("orderId   = \"mdc.orderId\"").contains("traceId   = \"mdc.traceId\"");
        Map<String, Object> datasources = compose(Repository.read(
                "infra/monitoring/grafana/provisioning/datasources/logs-and-traces.yml"));
        assertThat(((List<?>) datasources.get("datasources")).stream().map(ComposeFileTest::map)
                .map(datasource -> datasource.get("type") + " " + datasource.get("url")))
                .containsExactlyInAnyOrder("loki http://loki:3100", "jaeger http://jaeger:16686");
    }

    @Test
    void everyVariableGivenToAServiceIsOneItReadsAndItsPortIsPublished() {
        String shared = Repository.read(Repository.SHARED_PROPERTIES);
        for (String service : Repository.SERVICES) {
            Set<String> read = Pattern.compile("\\$\\{(BAZAAR_[A-Z0-9_]+)")
                    .matcher(shared + Repository.read(service + "/src/main/resources/application.properties"))
                    .results().map(match -> match.group(1)).collect(Collectors.toSet());
            List<String> mappedPrefixes = configMappingPrefixes(service);
            List<String> unread = environment(services().get(service)).keySet().stream()
                    .filter(name -> !read.contains(name) && mappedPrefixes.stream().noneMatch(name::startsWith))
                    .toList();
            assertThat(unread).as(service + ": variables in compose.yaml that the service never reads "
                    + "(a typo there leaves the default in place silently)").isEmpty();

            String port = Repository.applicationProperties(service).getProperty("quarkus.http.port");
            assertThat(strings(services().get(service).get("ports"))).as(service)
                    .anySatisfy(published -> assertThat(published).endsWith(":" + port));
            assertThat(String.join(" ", strings(map(services().get(service).get("healthcheck")).get("test"))))
                    .as(service).contains("/dev/tcp/127.0.0.1/" + port + " ").contains("/q/health/ready");
        }
    }

    /** BAZAAR_USER_ for @ConfigMapping(prefix = "bazaar.user"): environment variables Quarkus maps onto the keys. */
    private static List<String> configMappingPrefixes(String service) {
        Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");
        List<String> prefixes = new ArrayList<>();
        for (String module : List.of("infra", service)) {
            try (Stream<Path> sources = Files.walk(Repository.file(module + "/src/main/java"))) {
                sources.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    try {
                        mapping.matcher(Files.readString(file)).results().forEach(match -> prefixes.add(
                                match.group(1).toUpperCase().replaceAll("[.-]", "_") + "_"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return prefixes;
    }

    @Test
    void noSecretIsWrittenInTheRepository() throws Exception {
        List<String> literal = new ArrayList<>();
        services().forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches() && !REFERENCE.matcher(String.valueOf(value)).matches()
                    && !String.valueOf(value).startsWith("/run/secrets/")) {
                literal.add(name + ": " + key + "=" + value);
            }
        }));
        assertThat(literal).as("secrets must come from .env (${VAR}) or /run/secrets").isEmpty();

        Map<String, Object> secrets = map(compose(Repository.read("compose.yaml")).get("secrets"));
        secrets.values().forEach(secret -> assertThat((String) map(secret).get("file"))
                .startsWith("./infra/compose/keys/"));
        assertThat(Repository.read(".gitignore").lines()).contains(".env", "infra/compose/keys/");
        assertThat(Files.exists(Repository.file(".env.example"))).isTrue();
        Repository.read(".env.example").lines().filter(line -> !line.startsWith("#") && line.contains("="))
                .filter(line -> SECRET_NAME.matcher(line.substring(0, line.indexOf('='))).matches())
                .forEach(line -> assertThat(line).as(".env.example holds placeholders only").endsWith("=change-me"));
        // the broker definitions hold no password of their own: rendering them without .env's fails
        Repository.CommandResult unset = Repository.run(List.of("bash", "infra/rabbitmq/definitions.sh"),
                Map.of("PATH", System.getenv("PATH")));
        assertThat(unset.exitCode()).as(unset.output()).isNotZero();
        assertThat(unset.output()).contains("BAZAAR_MQ_").contains("_PASSWORD is not set");
    }

    private static Map<String, Object> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        return environment == null ? Map.of() : map(environment);
    }

    private static List<String> compose() {
        if (Repository.program("docker-compose").isPresent()) {
            return List.of("docker-compose");
        }
        if (Repository.program("docker").isPresent()
                && Repository.run(List.of("docker", "compose", "version")).exitCode() == 0) {
            return List.of("docker", "compose");
        }
        throw new IllegalStateException("Docker Compose is needed to validate compose.yaml (no daemon needed): "
                + "apt-get install --no-install-recommends docker-compose (./bazaar test installs it)");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) map(compose(Repository.read("compose.yaml"))
                .get("services"));
    }

    /** YAML as Compose reads it: anchors and merge keys (<<) resolved. */
    static Map<String, Object> compose(String yaml) {
        return new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

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
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.bazaar.e2e.shipping.NetworkPolicyModel.Pod;
import dev.bazaar.e2e.shipping.StrictManifests.Manifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Every Kubernetes manifest Bazaar ships, parsed strictly into fabric8's typed models: the four services' generated
 * target/kubernetes/kubernetes.yml (so the services must have been packaged, as ./bazaar test does) and everything
 * under infra/k8s. Asserts the restricted securityContext, probes, limits, read-only root and graceful termination
 * for every workload, a default-deny network policy with only the paths Bazaar uses allowed, and an autoscaler per
 * tier. With kubectl installed, each kustomize overlay is also rendered and checked as it would be applied.
 */
class KubernetesManifestTest {

    private static final Path K8S = Repository.file("infra/k8s");
    private static final List<String> TIERS = Stream.concat(Repository.SERVICES.stream(), Stream.of("gateway"))
            .toList();

    @Test
    void generatedManifestOfEveryServiceIsAHardenedDeploymentWithAService() {
        for (String service : Repository.SERVICES) {
            List<Manifest> manifests = generated(service);

            assertThat(manifests).extracting(Manifest::type).as(service)
                    .containsExactlyInAnyOrder("v1/Service", "apps/v1/Deployment");
            Deployment deployment = deployment(manifests, service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            WorkloadPolicy.assertRestricted(service, pod);
            Container container = pod.getContainers().get(0);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            Properties properties = Repository.applicationProperties(service);
            assertThat(container.getImage()).endsWith("bazaar/" + service + ":" + container.getImage()
                    .substring(container.getImage().lastIndexOf(':') + 1));
            assertThat(container.getPorts()).anySatisfy(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(Integer.valueOf(properties.getProperty(
                        "quarkus.http.port")));
            });
        }
    }

    /**
     * Prometheus finds the services by the prometheus.io annotations (annotation-based discovery of services or of
     * pods) on the port NetworkPolicy "services" opens to it; quarkus-kubernetes writes them from the Micrometer
     * Prometheus registry. No ServiceMonitor is generated (quarkus.kubernetes.prometheus.generate-service-monitor),
     * so the manifests need no Prometheus operator CRDs.
     */
    @Test
    void everyServiceAndItsPodsAreAnnotatedForPrometheusOnTheirHttpPort() {
        for (String service : Repository.SERVICES) {
            List<Manifest> manifests = generated(service);
            String port = Repository.applicationProperties(service).getProperty("quarkus.http.port");
            Map<String, String> expected = Map.of("prometheus.io/scrape", "true", "prometheus.io/path", "/q/metrics",
                    "prometheus.io/port", port, "prometheus.io/scheme", "http");

            io.fabric8.kubernetes.api.model.Service kubernetesService = manifests.stream()
                    .filter(m -> m.type().equals("v1/Service")).findFirst().orElseThrow()
                    .as(io.fabric8.kubernetes.api.model.Service.class);
            assertThat(kubernetesService.getMetadata().getAnnotations()).as(service + " Service")
                    .containsAllEntriesOf(expected);
            assertThat(kubernetesService.getSpec().getPorts()).as(service + " Service port")
                    .anySatisfy(p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(Integer.valueOf(port)));
            assertThat(deployment(manifests, service).getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(service + " pods").containsAllEntriesOf(expected);
        }
    }

    @Test
    void everyServiceStopsGracefullyWithinItsTerminationGracePeriod() {
        long delay = WorkloadPolicy.seconds(sharedConfig().getData().get("BAZAAR_SHUTDOWN_DELAY"));
        for (String service : Repository.SERVICES) {
            Properties properties = Repository.serviceSettings(service);
            assertThat(properties.getProperty("quarkus.shutdown.delay-enabled")).as(service).isEqualTo("true");
            long timeout = WorkloadPolicy.seconds(properties.getProperty("quarkus.shutdown.timeout"));

            Long grace = deployment(generated(service), service).getSpec().getTemplate().getSpec()
                    .getTerminationGracePeriodSeconds();

            assertThat(grace).as(service + ": terminationGracePeriodSeconds > shutdown delay + timeout")
                    .isNotNull().isGreaterThan(delay + timeout);
        }
    }

    @Test
    void servicesTakeSettingsFromTheSharedConfigMapAndCredentialsFromTheSecretsTheScriptCreates() {
        ConfigMap config = sharedConfig();
        String secretsScript = Repository.read("infra/k8s/secrets.sh");
        for (String service : Repository.SERVICES) {
            PodSpec pod = deployment(generated(service), service).getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);

            assertThat(container.getEnvFrom()).extracting(EnvFromSource::getConfigMapRef).isNotEmpty()
                    .allSatisfy(ref -> assertThat(ref.getName()).isEqualTo(config.getMetadata().getName()));
            List<String> secrets = new ArrayList<>(container.getEnv().stream().filter(e -> e.getValueFrom() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef().getName()).toList());
            pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                    .forEach(v -> secrets.add(v.getSecret().getSecretName()));
            assertThat(container.getEnv()).extracting(EnvVar::getName).contains("BAZAAR_DB_PASSWORD",
                    "BAZAAR_RABBITMQ_PASSWORD");
            assertThat(container.getEnv()).filteredOn(e -> e.getName().contains("PASSWORD"))
                    .allSatisfy(e -> assertThat(e.getValue()).as(e.getName() + " literal").isNull());
            assertThat(secrets).as(service).contains("bazaar-" + service + "-db", "bazaar-" + service + "-mq",
                    "bazaar-jwt-public");
            for (String secret : secrets) {
                String scripted = secret.replace("-" + service + "-", "-$svc-");
                assertThat(secretsScript).as(secret + " is created by infra/k8s/secrets.sh")
                        .containsAnyOf("\"" + secret + "\"", " " + secret + " ", "\"" + scripted + "\"");
            }
        }
        assertThat(config.getData()).containsKeys("BAZAAR_DB_HOST", "BAZAAR_RABBITMQ_HOST", "BAZAAR_RABBITMQ_VHOST",
                "BAZAAR_JWT_PUBLIC_KEY").allSatisfy((key, value) -> assertThat(key).doesNotContain("PASSWORD"));
    }

    @Test
    void everyHandWrittenManifestParsesStrictly() {
        List<Manifest> manifests = handWritten();

        assertThat(manifests).extracting(Manifest::type).contains("apps/v1/Deployment",
                "networking.k8s.io/v1/NetworkPolicy", "networking.k8s.io/v1/Ingress",
                "autoscaling/v2/HorizontalPodAutoscaler", "postgresql.cnpg.io/v1/Cluster",
                "rabbitmq.com/v1beta1/RabbitmqCluster");
    }

    @Test
    void theGatewayWorkloadIsHardenedAndRunsTheCommittedConfig() {
        Deployment gateway = deployment(handWritten(), "gateway");
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();

        WorkloadPolicy.assertRestricted("gateway", pod);
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap().getName())
                .isEqualTo("bazaar-gateway"));
        JsonNode generator = kustomization(Repository.file("infra/gateway")).path("configMapGenerator").get(0);
        assertThat(generator.path("files").toString()).contains("nginx.conf", "bazaar-upstreams.conf.template");
        Container nginx = pod.getContainers().get(0);
        assertThat(String.join(" ", nginx.getArgs())).as("pid file on a writable path").contains("pid /tmp/");
        assertThat(nginx.getVolumeMounts()).as("nginx's temp paths writable on a read-only root")
                .anyMatch(m -> m.getMountPath().equals("/var/cache/nginx"));
        String preStop = String.join(" ", nginx.getLifecycle().getPreStop().getExec().getCommand());
        long drain = Long.parseLong(preStop.replaceAll(".*sleep (\\d+).*", "$1"));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(drain);
    }

    @Test
    void theGatewayServesEveryFileOfTheOperatorConsoleAtItsPath() throws IOException {
        Path console = Repository.file("infra/gateway/console");
        List<String> files;
        try (var walk = Files.walk(console)) {
            files = walk.filter(Files::isRegularFile).map(f -> console.relativize(f).toString())
                    .sorted().toList();
        }
        JsonNode generator = null;
        for (JsonNode candidate : kustomization(Repository.file("infra/gateway")).path("configMapGenerator")) {
            if (candidate.path("name").asText().equals("bazaar-console")) {
                generator = candidate;
            }
        }
        assertThat(generator).as("ConfigMap generator bazaar-console").isNotNull();
        Map<String, String> keys = new java.util.TreeMap<>();
        generator.path("files").forEach(entry -> {
            String[] keyAndFile = entry.asText().split("=", 2);
            keys.put(keyAndFile[1].substring("console/".length()), keyAndFile[0]);
        });
        assertThat(keys.keySet()).as("every console file is in the ConfigMap").containsExactlyElementsOf(files);

        PodSpec pod = deployment(handWritten(), "gateway").getSpec().getTemplate().getSpec();
        var volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().equals("bazaar-console")).findFirst().orElseThrow();
        Map<String, String> paths = new java.util.TreeMap<>();
        volume.getConfigMap().getItems().forEach(item -> paths.put(item.getPath(), item.getKey()));
        assertThat(paths).as("each key put back at its path").isEqualTo(keys);
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(volume.getName());
            assertThat(mount.getMountPath()).as("console/ beside nginx.conf, as nginx.conf expects")
                    .isEqualTo("/etc/nginx/console");
        });
    }

    @Test
    void theGatewayTrustsForwardedClientAddressesFromANarrowRangeOnly() {
        assertTrustsANarrowRangeOnly("base", deployment(handWritten(), "gateway"));
    }

    /**
     * The proxies whose X-Forwarded-For the gateway believes: one address or a range of at most 256, never the pod
     * network (any pod that could reach the gateway could then pick its own client address past the rate limits).
     */
    private static void assertTrustsANarrowRangeOnly(String variant, Deployment gateway) {
        String trusted = gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("BAZAAR_GATEWAY_TRUSTED_PROXIES")).findFirst()
                .orElseThrow(() -> new AssertionError(variant + ": BAZAAR_GATEWAY_TRUSTED_PROXIES is not set"))
                .getValue();
        assertThat(trusted).as(variant + " trusted proxies").matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
        int prefix = trusted.contains("/") ? Integer.parseInt(trusted.substring(trusted.indexOf('/') + 1)) : 32;
        assertThat(prefix).as(variant + " trusted proxies " + trusted + ": prefix length").isBetween(24, 32);
    }

    @Test
    void operatorManagedBrokerAndDatabaseAreClusteredAndRestricted() {
        List<Manifest> manifests = handWritten();
        JsonNode rabbit = custom(manifests, "RabbitmqCluster").json().path("spec");
        assertThat(rabbit.path("replicas").asInt()).as("RabbitMQ nodes for quorum queues").isEqualTo(3);
        JsonNode template = rabbit.path("override").path("statefulSet").path("spec").path("template").path("spec");
        assertThat(template.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(template.path("securityContext").path("seccompProfile").path("type").asText())
                .isEqualTo("RuntimeDefault");
        for (JsonNode container : List.of(template.path("containers").get(0), template.path("initContainers").get(0))) {
            JsonNode security = container.path("securityContext");
            assertThat(security.path("allowPrivilegeEscalation").isBoolean()
                    && !security.path("allowPrivilegeEscalation").asBoolean()).as(container.toString()).isTrue();
            assertThat(security.path("capabilities").path("drop").toString()).contains("\"ALL\"");
        }
        assertThat(custom(manifests, "Vhost").json().path("spec").path("defaultQueueType").asText())
                .isEqualTo("quorum");

        JsonNode postgres = custom(manifests, "Cluster").json().path("spec");
        assertThat(postgres.path("instances").asInt()).isGreaterThanOrEqualTo(2);
        for (String service : Repository.SERVICES) {
            assertThat(postgres.path("managed").path("roles").findValuesAsText("name")).contains("bazaar_" + service);
            assertThat(manifests).filteredOn(m -> m.is("Database")).anySatisfy(db -> {
                assertThat(db.json().path("spec").path("name").asText()).isEqualTo("bazaar_" + service);
                assertThat(db.json().path("spec").path("owner").asText()).isEqualTo("bazaar_" + service);
            });
        }
        assertThat(postgres.path("postgresql").path("pg_hba").toString()).contains("host all all all reject");
    }

    @Test
    void networkPoliciesDenyEverythingByDefaultAndAllowOnlyBazaarsPaths() {
        List<NetworkPolicy> policies = handWritten().stream().filter(m -> m.is("NetworkPolicy"))
                .map(m -> m.as(NetworkPolicy.class)).toList();
        assertThat(policies).as("a default deny for ingress and egress")
                .anyMatch(NetworkPolicyModel::isDefaultDenyAll);
        NetworkPolicyModel network = new NetworkPolicyModel(policies);
        Pod ingressController = Pod.inNamespace("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx",
                "app.kubernetes.io/component", "controller"));
        Pod ingressWebhook = Pod.inNamespace("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx",
                "app.kubernetes.io/component", "admission-webhook"));
        Pod prometheus = Pod.inNamespace("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        Pod grafana = Pod.inNamespace("monitoring", Map.of("app.kubernetes.io/name", "grafana"));
        Pod prometheusElsewhere = Pod.inNamespace("elsewhere", Map.of("app.kubernetes.io/name", "prometheus"));
        Pod gateway = Pod.named("gateway");
        Pod postgres = new Pod(Map.of("cnpg.io/cluster", "bazaar-postgres"), null);
        Pod rabbitmq = Pod.named("bazaar-rabbitmq");
        Pod dns = Pod.inNamespace("kube-system", Map.of("k8s-app", "kube-dns"));
        Pod stranger = Pod.inNamespace("elsewhere", Map.of("app", "curious"));

        assertThat(network.allows(ingressController, gateway, "8080")).isTrue();
        assertThat(network.allows(ingressWebhook, gateway, "8080")).as("ingress namespace, not the controller")
                .isFalse();
        assertThat(network.allows(prometheus, gateway, "8080")).as("Prometheus -> gateway").isFalse();
        for (String service : Repository.SERVICES) {
            Pod pod = Pod.named(service);
            assertThat(network.allows(gateway, pod, "http")).as("gateway -> " + service).isTrue();
            assertThat(network.allows(pod, postgres, "5432")).as(service + " -> PostgreSQL").isTrue();
            assertThat(network.allows(pod, rabbitmq, "5672")).as(service + " -> RabbitMQ").isTrue();
            assertThat(network.allowsEgress(pod, dns, "53", "UDP")).as(service + " -> DNS").isTrue();
            assertThat(network.allows(stranger, pod, "http")).as("other namespace -> " + service).isFalse();
            // by the port's name and by its number, so neither way of writing a rule opens the path unseen
            for (String port : List.of("http", Repository.applicationProperties(service).getProperty(
                    "quarkus.http.port"))) {
                assertThat(network.allows(ingressController, pod, port)).as("ingress controller -> " + service + ":"
                        + port + ": only through the gateway").isFalse();
                assertThat(network.allows(ingressWebhook, pod, port)).as("ingress namespace -> " + service + ":"
                        + port).isFalse();
            }
            assertThat(network.allows(prometheus, pod, "http")).as("Prometheus scrapes " + service).isTrue();
            assertThat(network.allows(prometheus, pod, "5005")).as("Prometheus -> " + service + ", another port")
                    .isFalse();
            assertThat(network.allows(grafana, pod, "http")).as("monitoring namespace, not Prometheus -> "
                    + service).isFalse();
            assertThat(network.allows(prometheusElsewhere, pod, "http")).as("a Prometheus in another namespace -> "
                    + service).isFalse();
            assertThat(network.allowsEgress(pod, stranger, "443", "TCP")).as(service + " -> anywhere").isFalse();
            for (String other : Repository.SERVICES) {
                assertThat(network.allows(pod, Pod.named(other), "http")).as(service + " -> " + other
                        + ": services never call each other").isFalse();
            }
        }
        // Each side on its own too, so one loosened policy is caught even while the other side still holds.
        assertThat(network.allowsEgress(gateway, postgres, "5432", "TCP")).as("gateway egress -> PostgreSQL").isFalse();
        assertThat(network.allowsEgress(gateway, rabbitmq, "5672", "TCP")).as("gateway egress -> RabbitMQ").isFalse();
        assertThat(network.allowsIngress(postgres, gateway, "5432", "TCP")).as("PostgreSQL from gateway").isFalse();
        assertThat(network.allowsIngress(rabbitmq, gateway, "5672", "TCP")).as("RabbitMQ from gateway").isFalse();
        for (String service : Repository.SERVICES) {
            Pod pod = Pod.named(service);
            assertThat(network.allowsEgress(pod, gateway, "8080", "TCP")).as(service + " egress -> gateway").isFalse();
            assertThat(network.allowsIngress(pod, postgres, "http", "TCP")).as(service + " from PostgreSQL").isFalse();
        }
        assertThat(network.allows(stranger, gateway, "8080")).as("other namespace -> gateway").isFalse();
        assertThat(network.allows(stranger, postgres, "5432")).isFalse();
        assertThat(network.allows(stranger, rabbitmq, "5672")).isFalse();
        for (Pod outsider : List.of(ingressController, prometheus)) {
            assertThat(network.allows(outsider, postgres, "5432")).as(outsider + " -> PostgreSQL").isFalse();
            assertThat(network.allows(outsider, rabbitmq, "5672")).as(outsider + " -> RabbitMQ").isFalse();
        }
        assertThat(network.allows(rabbitmq, rabbitmq, "25672")).as("RabbitMQ clustering").isTrue();
        assertThat(network.allows(postgres, postgres, "5432")).as("PostgreSQL replication").isTrue();
    }

    @Test
    void everyStatelessTierHasAnAutoscaler() {
        List<HorizontalPodAutoscaler> autoscalers = handWritten().stream().filter(m -> m.is("HorizontalPodAutoscaler"))
                .map(m -> m.as(HorizontalPodAutoscaler.class)).toList();

        for (String tier : TIERS) {
            assertThat(autoscalers).as(tier).anySatisfy(hpa -> {
                assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(tier);
                assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
                assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
                assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
            });
        }
    }

    @Test
    void everyKustomizationReferencesFilesThatExist() {
        List<Path> kustomizations = new ArrayList<>(files(K8S, "kustomization.yaml"));
        kustomizations.add(Repository.file("infra/gateway/kustomization.yaml"));
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : kustomizations) {
            JsonNode kustomization = kustomization(file.getParent());
            List<String> references = new ArrayList<>();
            kustomization.path("resources").forEach(r -> references.add(r.asText()));
            kustomization.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> references.add(
                    f.asText().replaceFirst("^[^=]+=", ""))));
            for (String reference : references) {
                Path target = file.getParent().resolve(reference).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as(file + " -> " + reference).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kustomizeRendersEachVariantIntoManifestsThatStillMeetThePolicy(String variant) {
        Assumptions.assumeTrue(Repository.program("kubectl").isPresent(), "kubectl is not installed");
        Repository.CommandResult rendered = Repository.run(List.of("kubectl", "kustomize", "infra/k8s/" + variant));
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();

        List<Manifest> manifests = StrictManifests.parse(variant, documents(rendered.output()));

        assertThat(manifests).filteredOn(m -> !m.is("Namespace")).allSatisfy(m -> assertThat(m.json()
                .path("metadata").path("namespace").asText()).as(m.type() + " " + m.name()).isEqualTo("bazaar"));
        manifests.stream().filter(m -> m.is("Deployment")).forEach(m -> WorkloadPolicy.assertRestricted(
                variant + " " + m.name(), m.as(Deployment.class).getSpec().getTemplate().getSpec()));
        Deployment gateway = deployment(manifests, "gateway");
        assertTrustsANarrowRangeOnly(variant, gateway);
        String configMap = gateway.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
        assertThat(manifests).as("the gateway mounts the generated ConfigMap").anyMatch(m -> m.is("ConfigMap")
                && m.name().equals(configMap) && m.as(ConfigMap.class).getData().get("nginx.conf")
                .equals(Repository.read("infra/gateway/nginx.conf")));
        assertThat(manifests.stream().filter(m -> m.is("NetworkPolicy")).map(m -> m.as(NetworkPolicy.class)))
                .anyMatch(NetworkPolicyModel::isDefaultDenyAll);
        assertThat(manifests.stream().filter(m -> m.is("HorizontalPodAutoscaler")).count()).isEqualTo(TIERS.size());
    }

    private static List<Manifest> generated(String service) {
        Path file = Repository.file(service + "/target/kubernetes/kubernetes.yml");
        assertThat(file).as("package the services first (./bazaar test does)").exists();
        return StrictManifests.parse(file);
    }

    static List<Manifest> handWritten() {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files(K8S.resolve("base"), ".yaml")) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                manifests.addAll(StrictManifests.parse(file));
            }
        }
        return manifests;
    }

    private static ConfigMap sharedConfig() {
        return handWritten().stream().filter(m -> m.is("ConfigMap") && m.name().equals("bazaar-config")).findFirst()
                .orElseThrow().as(ConfigMap.class);
    }

    private static Deployment deployment(List<Manifest> manifests, String name) {
        return manifests.stream().filter(m -> m.is("Deployment") && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name)).as(Deployment.class);
    }

    private static Manifest custom(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.is(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static JsonNode kustomization(Path directory) {
        return Repository.yamlDocuments(directory.resolve("kustomization.yaml")).get(0);
    }

    private static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            new ObjectMapper().readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    documents.add(d);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

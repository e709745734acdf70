package dev.bazaar.e2e.shipping;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Kubernetes YAML parsed into fabric8's typed models, strictly: fabric8 keeps fields it does not know in
 * "additionalProperties" (so a typo such as {@code readOnlyRootFileSystem} would silently be ignored, as the API server
 * ignores it); here any such field is an error. Custom resources of the operators Bazaar relies on stay generic JSON.
 */
final class StrictManifests {

    /** The kinds Bazaar's manifests may contain, by apiVersion/kind. */
    private static final Map<String, Class<? extends KubernetesResource>> TYPED = Map.of(
            "v1/Namespace", Namespace.class, "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class,
            "v1/Service", Service.class, "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class, "apps/v1/StatefulSet", StatefulSet.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class, "networking.k8s.io/v1/Ingress", Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    /** Custom resources of the CloudNativePG, RabbitMQ cluster and messaging topology operators. */
    static final Set<String> CUSTOM = Set.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database",
            "rabbitmq.com/v1beta1/RabbitmqCluster", "rabbitmq.com/v1beta1/Vhost", "rabbitmq.com/v1beta1/Exchange",
            "rabbitmq.com/v1beta1/User", "rabbitmq.com/v1beta1/Permission");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One parsed document: typed when its kind is a built-in one, else the raw JSON of a known custom resource. */
    record Manifest(String source, String type, String name, KubernetesResource typed, JsonNode json) {

        <T> T as(Class<T> type) {
            return type.cast(typed);
        }

        boolean is(String kind) {
            return type.endsWith("/" + kind);
        }
    }

    private StrictManifests() {
    }

    static List<Manifest> parse(Path file) {
        return parse(file.toString(), Repository.yamlDocuments(file));
    }

    static List<Manifest> parse(String source, List<JsonNode> documents) {
        List<Manifest> manifests = new ArrayList<>();
        for (JsonNode document : documents) {
            String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            String name = document.path("metadata").path("name").asText();
            String where = source + ": " + type + " " + name;
            Class<? extends KubernetesResource> model = TYPED.get(type);
            if (model == null) {
                if (!CUSTOM.contains(type)) {
                    throw new AssertionError(where + ": not a kind Bazaar deploys (typo in apiVersion or kind?)");
                }
                manifests.add(new Manifest(source, type, name, null, document));
                continue;
            }
            try {
                KubernetesResource typed = MAPPER.treeToValue(document, model);
                List<String> unknown = new ArrayList<>();
                unknownFields(typed, type, unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new AssertionError(where + ": fields the Kubernetes API does not have: " + unknown);
                }
                manifests.add(new Manifest(source, type, name, typed, document));
            } catch (JsonProcessingException e) {
                throw new AssertionError(where + ": does not fit the " + model.getSimpleName() + " model: "
                        + e.getOriginalMessage(), e);
            }
        }
        return manifests;
    }

    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Object> seen) {
        if (value == null || seen.put(value, value) != null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> unknownFields(element, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            try {
                Object child = getter.invoke(value);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(child, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

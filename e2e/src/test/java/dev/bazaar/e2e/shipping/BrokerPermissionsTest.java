package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bazaar.e2e.Topology;
import dev.bazaar.e2e.shipping.StrictManifests.Manifest;

/**
 * The broker grants each service the same least privileges everywhere, as infra/topology.properties declares them:
 * ./bazaar run and compose (the definitions infra/rabbitmq/definitions.sh renders from the topology) and Kubernetes
 * (Permission resources, checked against it): configure and write on its own resources and its DLX; read on those and
 * the event exchanges of the services it listens to. The exchanges exist in both, and every exchange a service's
 * message routes bind to is among the ones the topology lets it read.
 */
class BrokerPermissionsTest {

    record Grant(String configure, String write, String read) {
    }

    @Test
    void renderedDefinitionsGrantExactlyWhatTheTopologyDeclares() {
        JsonNode definitions = Topology.brokerDefinitions();
        Map<String, Grant> granted = new LinkedHashMap<>();
        definitions.path("permissions").forEach(p -> {
            assertThat(p.path("vhost").asText()).isEqualTo(Topology.vhost());
            granted.put(p.path("user").asText(), new Grant(p.path("configure").asText(), p.path("write").asText(),
                    p.path("read").asText()));
        });
        granted.remove("admin");

        assertThat(granted).isEqualTo(expected());
        assertThat(definitions.path("vhosts").findValuesAsText("name")).containsExactly(Topology.vhost());
        assertThat(definitions.path("users").findValuesAsText("name")).containsAll(expected().keySet());
        assertThat(exchanges(definitions.path("exchanges"))).containsExactlyInAnyOrderEntriesOf(expectedExchanges());
    }

    @Test
    void kubernetesPermissionsGrantExactlyWhatTheTopologyDeclares() {
        List<Manifest> rabbit = StrictManifests.parse(Repository.file("infra/k8s/base/rabbitmq.yaml"));
        Map<String, Grant> granted = new LinkedHashMap<>();
        rabbit.stream().filter(m -> m.is("Permission")).forEach(m -> {
            JsonNode spec = m.json().path("spec");
            assertThat(spec.path("vhost").asText()).isEqualTo(Topology.vhost());
            String user = spec.path("userReference").path("name").asText();
            JsonNode permissions = spec.path("permissions");
            granted.put(user, new Grant(permissions.path("configure").asText(), permissions.path("write").asText(),
                    permissions.path("read").asText()));
            assertThat(rabbit).as(user + " is a User resource").anyMatch(u -> u.is("User") && u.name().equals(user)
                    && u.json().path("spec").path("importCredentialsSecret").path("name").asText()
                    .equals(user + "-mq"));
        });

        assertThat(granted).isEqualTo(expected());
        Map<String, String> exchanges = new LinkedHashMap<>();
        rabbit.stream().filter(m -> m.is("Exchange")).forEach(m -> exchanges.put(
                m.json().path("spec").path("name").asText(), m.json().path("spec").path("type").asText()));
        assertThat(exchanges).containsExactlyInAnyOrderEntriesOf(expectedExchanges());
    }

    @Test
    void everyExchangeAServiceListensToIsGrantedAndDeclared() throws Exception {
        Map<String, List<String>> listens = listens();
        for (String service : Repository.SERVICES) {
            List<String> used = consumedExchanges(service);
            assertThat(used).as(service + " consumes something").isNotEmpty();
            assertThat(listens.get(service)).as(service + ".listens in infra/topology.properties").containsExactlyInAnyOrderElementsOf(
                    used);
        }
    }

    /**
     * The exchanges a service's queues are bound to: the producers of the contracts its MessageQueues routes
     * ({@code .on(Contracts.X, ...)} or {@code .onBatch(...)}), as infra binds them.
     */
    private static List<String> consumedExchanges(String service) throws Exception {
        String routes = Repository.read(service + "/src/main/java/dev/bazaar/" + service
                + "/infrastructure/MessageQueues.java");
        Matcher contract = Pattern.compile("\\.on(?:Batch)?\\(Contracts\\.([A-Z_]+)")
                .matcher(routes);
        java.util.Set<String> exchanges = new java.util.TreeSet<>();
        while (contract.find()) {
            var type = (dev.bazaar.events.MessageType<?>) dev.bazaar.events.Contracts.class
                    .getField(contract.group(1)).get(null);
            exchanges.add(dev.bazaar.events.Contracts.producer(type) + ".events");
        }
        return List.copyOf(exchanges);
    }

    /**
     * What ./bazaar's provision_broker sets: own = "svc\..*|DLX\.svc" (its exchanges, queues and dead-letter exchange)
     * to configure, write and read; the exchanges it listens to (escaped dots) to read only.
     */
    static Map<String, Grant> expected() {
        Map<String, Grant> expected = new LinkedHashMap<>();
        listens().forEach((service, exchanges) -> {
            String own = service + "\\..*|DLX\\." + service;
            String listened = exchanges.stream().map(e -> "|" + e.replace(".", "\\.")).collect(Collectors.joining());
            expected.put("bazaar-" + service, new Grant("^(" + own + ")$", "^(" + own + ")$",
                    "^(" + own + listened + ")$"));
        });
        return expected;
    }

    private static Map<String, String> expectedExchanges() {
        Map<String, String> exchanges = new LinkedHashMap<>();
        Repository.SERVICES.forEach(service -> exchanges.put(service + ".events", "topic"));
        Repository.SERVICES.forEach(service -> exchanges.put("DLX." + service, "direct"));
        return exchanges;
    }

    private static Map<String, String> exchanges(JsonNode list) {
        Map<String, String> exchanges = new LinkedHashMap<>();
        list.forEach(e -> {
            assertThat(e.path("durable").asBoolean()).as(e.toString()).isTrue();
            exchanges.put(e.path("name").asText(), e.path("type").asText());
        });
        return exchanges;
    }

    /** The event exchanges each service reads, besides its own (infra/topology.properties). */
    static Map<String, List<String>> listens() {
        Map<String, List<String>> listens = new LinkedHashMap<>();
        Topology.services().forEach(service -> listens.put(service, Topology.listenedExchanges(service)));
        return listens;
    }
}

package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.e2e.shipping.StrictManifests.Manifest;

/**
 * The broker grants each service the same least privileges everywhere: ./bazaar run (rabbitmqctl set_permissions,
 * derived from its LISTENS table), compose (infra/rabbitmq/definitions.json) and Kubernetes (Permission resources):
 * configure and read on its own resources, DLX and the exchanges it listens to; write on its own and DLX only. The
 * exchanges exist in both, and every exchange a service's channels listen to is among them.
 */
class BrokerPermissionsTest {

    private static final Pattern LISTENS = Pattern.compile("declare -A LISTENS=\\((.*?)\\)", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("\\[(\\w+)]=\"([^\"]*)\"");

    record Grant(String configure, String write, String read) {
    }

    @Test
    void composeDefinitionsGrantExactlyWhatBazaarRunGrants() throws Exception {
        JsonNode definitions = new ObjectMapper().readTree(Repository.read("infra/rabbitmq/definitions.json"));
        Map<String, Grant> granted = new LinkedHashMap<>();
        definitions.path("permissions").forEach(p -> {
            assertThat(p.path("vhost").asText()).isEqualTo("bazaar");
            granted.put(p.path("user").asText(), new Grant(p.path("configure").asText(), p.path("write").asText(),
                    p.path("read").asText()));
        });
        granted.remove("admin");

        assertThat(granted).isEqualTo(expected());
        assertThat(definitions.path("vhosts").findValuesAsText("name")).containsExactly("bazaar");
        assertThat(definitions.path("users").findValuesAsText("name")).containsAll(expected().keySet());
        assertThat(exchanges(definitions.path("exchanges"))).containsExactlyInAnyOrderEntriesOf(expectedExchanges());
    }

    @Test
    void kubernetesPermissionsGrantExactlyWhatBazaarRunGrants() {
        List<Manifest> rabbit = StrictManifests.parse(Repository.file("infra/k8s/base/rabbitmq.yaml"));
        Map<String, Grant> granted = new LinkedHashMap<>();
        rabbit.stream().filter(m -> m.is("Permission")).forEach(m -> {
            JsonNode spec = m.json().path("spec");
            assertThat(spec.path("vhost").asText()).isEqualTo("bazaar");
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
            assertThat(listens.get(service)).as(service + " LISTENS in ./bazaar").containsExactlyInAnyOrderElementsOf(
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
        java.util.regex.Matcher contract = Pattern.compile("\\.on(?:Batch)?\\(Contracts\\.([A-Z_]+)")
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

    static Map<String, List<String>> listens() {
        Matcher table = LISTENS.matcher(Repository.read("bazaar"));
        assertThat(table.find()).as("LISTENS table in ./bazaar").isTrue();
        Map<String, List<String>> listens = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(table.group(1));
        while (entry.find()) {
            listens.put(entry.group(1), Arrays.asList(entry.group(2).trim().split("\\s+")));
        }
        assertThat(listens.keySet()).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
        return listens;
    }
}

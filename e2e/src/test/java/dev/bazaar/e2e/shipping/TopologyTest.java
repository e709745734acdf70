package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.Topology;

/**
 * infra/topology.properties is the one declaration of the services and their ports: the files that cannot read it
 * (each service's own default port, compose's service entries and gateway upstreams, the broker's mounts under
 * compose) say the same, and nothing else keeps a list of its own (no Java code reads the ./bazaar script).
 */
class TopologyTest {

    @Test
    void everyServiceHasItsOwnModuleAndDefaultsToItsPort() {
        assertThat(Topology.services()).containsExactlyInAnyOrder("catalog", "cart", "ordering", "user");
        for (String service : Topology.services()) {
            assertThat(Repository.applicationProperties(service).getProperty("quarkus.http.port"))
                    .as(service + "'s quarkus.http.port").isEqualTo(String.valueOf(Topology.port(service)));
        }
        assertThat(Topology.services().stream().map(Topology::port).distinct()).hasSameSizeAs(Topology.services());
    }

    @Test
    void composeRunsEveryServiceOnItsPortBehindTheGateway() {
        Map<String, Map<String, Object>> services = ComposeFileTest.services();
        Map<String, Object> gateway = ComposeFileTest.map(services.get("gateway").get("environment"));
        for (String service : Topology.services()) {
            assertThat(services).as("compose services").containsKey(service);
            assertThat(gateway.get("BAZAAR_" + service.toUpperCase() + "_UPSTREAM")).as(service + "'s upstream")
                    .isEqualTo(service + ":" + Topology.port(service));
        }
    }

    @Test
    void composesBrokerLoadsTheDefinitionsRenderedFromTheTopology() {
        Map<String, Object> rabbitmq = ComposeFileTest.services().get("rabbitmq");
        assertThat(ComposeFileTest.strings(rabbitmq.get("volumes"))).contains(
                "./infra/topology.properties:/etc/rabbitmq/bazaar/topology.properties:ro",
                "./infra/topology.sh:/etc/rabbitmq/bazaar/topology.sh:ro",
                "./infra/rabbitmq/definitions.sh:/etc/rabbitmq/bazaar/rabbitmq/definitions.sh:ro");
        Map<String, Object> environment = ComposeFileTest.map(rabbitmq.get("environment"));
        for (String service : Topology.services()) {
            assertThat(environment).as("the broker is given " + service + "'s password")
                    .containsKey("BAZAAR_MQ_" + service.toUpperCase() + "_PASSWORD");
        }
        assertThat(Repository.read("infra/rabbitmq/rabbitmq.conf"))
                .contains("load_definitions = /tmp/bazaar-definitions.json");
        assertThat(Repository.read("infra/rabbitmq/render-definitions.sh"))
                .contains("definitions.sh\" >\"$out.new\"");
    }

    @Test
    void composesDatabaseCreatesTheTopologysDatabases() {
        assertThat(ComposeFileTest.strings(ComposeFileTest.services().get("postgres").get("volumes"))).contains(
                "./infra/topology.properties:/etc/bazaar/topology.properties:ro",
                "./infra/topology.sh:/etc/bazaar/topology.sh:ro");
        assertThat(Repository.read("infra/postgres/init-databases.sh")).contains("for svc in $(topology_services)");
        Map<String, Object> environment = ComposeFileTest.map(ComposeFileTest.services().get("postgres")
                .get("environment"));
        for (String service : Topology.services()) {
            assertThat(environment).as("the database is given " + service + "'s password")
                    .containsKey("BAZAAR_DB_" + service.toUpperCase() + "_PASSWORD");
        }
    }

    @Test
    void renderedDefinitionsHoldOneUserPerServiceWithItsPasswordAndItsExchange() {
        var definitions = Topology.brokerDefinitions();
        assertThat(definitions.path("users").findValuesAsText("name"))
                .containsExactlyElementsOf(Topology.services().stream().map(service -> "bazaar-" + service).toList());
        assertThat(definitions.path("users").findValuesAsText("password"))
                .containsExactlyElementsOf(Topology.services().stream().map(s -> "placeholder-" + s).toList());
        assertThat(definitions.path("exchanges").findValuesAsText("name")).containsAll(
                Topology.services().stream().map(Topology::eventExchange).toList());
    }
}

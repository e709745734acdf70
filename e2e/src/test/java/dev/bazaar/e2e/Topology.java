package dev.bazaar.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * infra/topology.properties, the one declaration of the services, their ports, the event exchanges each one reads,
 * the broker's vhost and the services' JVM options. {@code ./bazaar} reads the same file (through infra/topology.sh),
 * and the broker definitions are rendered from it; the tests take every such fact from here.
 */
public final class Topology {

    /** The checkout: -Dbazaar.root, or the parent of the e2e module the tests run in. */
    public static final Path ROOT = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
    public static final Path FILE = ROOT.resolve("infra/topology.properties");
    private static final Properties PROPERTIES = load();

    private Topology() {
    }

    /** The services, in start order. */
    public static List<String> services() {
        return words(value("services"));
    }

    /** The HTTP port a service listens on under {@code ./bazaar run}, and its own default. */
    public static int port(String service) {
        return Integer.parseInt(value(service + ".port"));
    }

    /** The event exchanges a service's queues bind to, besides its own: {@code <service>.events} of each listened one. */
    public static List<String> listenedExchanges(String service) {
        return words(value(service + ".listens")).stream().map(Topology::eventExchange).toList();
    }

    /** A service's own event exchange. */
    public static String eventExchange(String service) {
        return service + ".events";
    }

    public static String vhost() {
        return value("vhost");
    }

    /** The services' JVM options, as {@code ./bazaar run} starts them. */
    public static String jvmOptions() {
        return value("jvm-options");
    }

    /**
     * The broker definitions {@code ./bazaar run} imports and compose's broker loads, as infra/rabbitmq/definitions.sh
     * renders them from this file, with a placeholder password for each service user.
     */
    public static JsonNode brokerDefinitions() {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("infra/rabbitmq/definitions.sh")
                .toString(), FILE.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("BAZAAR_RABBITMQ_VHOST");
        builder.environment().remove("BAZAAR_MQ_ADMIN_PASSWORD");
        services().forEach(service -> builder.environment().put("BAZAAR_MQ_" + service.toUpperCase() + "_PASSWORD",
                "placeholder-" + service));
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("infra/rabbitmq/definitions.sh failed: " + new String(output));
            }
            return new ObjectMapper().readTree(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String value(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("no '" + key + "' in " + FILE);
        }
        return value.trim();
    }

    private static List<String> words(String value) {
        return Arrays.asList(value.split("\\s+"));
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(FILE)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        return properties;
    }
}

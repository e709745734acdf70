package dev.bazaar.e2e.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.bazaar.e2e.BazaarSystem;
import dev.bazaar.e2e.Topology;

/** The checked-out repository these checks read: its files as committed, and the build output next to them. */
final class Repository {

    /** The services (infra/topology.properties). */
    static final List<String> SERVICES = Topology.services();
    static final YAMLMapper YAML = new YAMLMapper();

    private Repository() {
    }

    static Path root() {
        return BazaarSystem.ROOT;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (multi-document) YAML file, empty ones left out. */
    static List<JsonNode> yamlDocuments(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var iterator = new ObjectMapper().readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return documents;
    }

    /** The settings every service shares, build-time ones included: infra is on every service's classpath. */
    static final String SHARED_PROPERTIES = "infra/src/main/resources/META-INF/microprofile-config.properties";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}$]+)}");

    /** A service's own application.properties (src/main/resources). */
    static Properties applicationProperties(String service) {
        return load(service + "/src/main/resources/application.properties");
    }

    /**
     * The settings a service is built and runs with, as Quarkus resolves them: the shared file under the service's
     * own application.properties (which overrides it), and a reference to another key of either (such as
     * ${bazaar.service-name}) replaced by that key's value. References to the environment are left as written.
     */
    static Properties serviceSettings(String service) {
        Properties settings = load(SHARED_PROPERTIES);
        settings.putAll(applicationProperties(service));
        Properties resolved = new Properties();
        for (String key : settings.stringPropertyNames()) {
            resolved.setProperty(key, REFERENCE.matcher(settings.getProperty(key)).replaceAll(reference ->
                    Matcher.quoteReplacement(settings.getProperty(reference.group(1), reference.group()))));
        }
        return resolved;
    }

    private static Properties load(String relative) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file(relative))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Finds a program on the PATH or in the sbin directories, where Debian puts nginx. */
    static java.util.Optional<Path> program(String name) {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return directories.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    /** A TCP port nothing listens on right now, for a process a test starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command in the repository root; returns its exit code and combined output. */
    static CommandResult run(List<String> command) {
        return run(new ProcessBuilder(command));
    }

    /** Runs a command in the repository root with exactly this environment (nothing inherited). */
    static CommandResult run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return run(builder);
    }

    private static CommandResult run(ProcessBuilder builder) {
        List<String> command = builder.command();
        try {
            Process process = builder.directory(root().toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new CommandResult(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record CommandResult(int exitCode, String output) {
    }
}

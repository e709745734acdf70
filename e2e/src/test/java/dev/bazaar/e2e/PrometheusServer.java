package dev.bazaar.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus (the distribution's {@code prometheus} binary, which {@code ./bazaar test} installs) as a child
 * process: the given configuration, its own storage in a temporary directory, a free port on the loopback. Queried
 * through its HTTP API, as Grafana and an operator do.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path storage;
    private final String url;

    private PrometheusServer(Process process, Path storage, String url) {
        this.process = process;
        this.storage = storage;
        this.url = url;
    }

    /** Writes {@code config} to {@code work}/prometheus.yml and starts Prometheus on it; returns once it is ready. */
    public static PrometheusServer start(Path work, String config) throws IOException {
        Files.createDirectories(work);
        Path configFile = work.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        Path storage = Files.createTempDirectory("bazaar-prometheus-");
        int port = BazaarSystem.freePort();
        Process process = new ProcessBuilder(binary("prometheus").toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + storage, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, storage, "http://127.0.0.1:" + port);
        try {
            Awaitility.await("Prometheus ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .failFast("Prometheus exited, see " + work.resolve("prometheus.log"), () -> !process.isAlive())
                    .ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(server.url
                            + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A program of the Prometheus distribution, on the PATH or where Debian's package puts it. */
    public static Path binary(String name) {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.add("/usr/bin");
        return directories.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new IllegalStateException(name + " is not installed (./bazaar test "
                        + "installs Debian's prometheus package, which ships it)"));
    }

    /** An instant query, evaluated now: the {@code data.result} array (one element per series). */
    public JsonNode query(String expr) {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("result");
    }

    /** GET of an API path, {@code /api/v1/...}: its {@code data}, after checking that the status is success. */
    public JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("Prometheus storage not removed: " + e);
        }
    }
}

package dev.bazaar.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/** One packaged service running as a real process (java -jar quarkus-run.jar) with its own port and log file. */
public final class ServiceProcess {

    /**
     * The services' JVM options, the ones {@code ./bazaar run} uses ({@code jvm-options} in infra/topology.properties):
     * a small heap (the live set is 25-50 MiB; with a 96 MiB heap peak RSS stays under 300 MiB) and, on a machine with
     * few cores that runs six busy processes, C1 only (-XX:TieredStopAtLevel=1). The benchmark measured C2's compiler
     * threads taking about 45 % of each service's CPU for minutes after start, which starved the services themselves.
     * {@code -Dbazaar.e2e.jvmOptions} replaces them (a profiling run, or a comparison with C2).
     */
    public static String jvmOptions() {
        String configured = System.getProperty("bazaar.e2e.jvmOptions");
        return configured != null ? configured.trim() : Topology.jvmOptions();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;

    ServiceProcess(String name, int port, Path jar, Path log, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = log;
        this.environment = environment;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(jvmOptions().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Two malloc arenas instead of glibc's 8 per core: the JVM's native allocations stay compact (lower RSS).
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public void awaitReady(Duration timeout) {
        Awaitility.await(name + " ready on " + url()).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (process == null || !process.isAlive()) {
                        throw new IllegalStateException(name + " exited during start-up; see " + log);
                    }
                    return ready();
                });
    }

    public boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM and wait: the graceful shutdown a container runtime does. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitForExit();
        }
    }

    /** SIGKILL: the process dies mid-flight, as in a crash. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Waits for the process to end by itself: its exit code, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.bazaar.e2e.shipping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * The committed gateway configuration (infra/gateway/nginx.conf) run by the machine's nginx, as {@code ./bazaar run}
 * runs it: a prefix directory whose conf/nginx.conf is a symlink to the committed file, and conf.d/ holding the
 * templates rendered for this run, and console/ linking the operator console's pages. Used by the config checks
 * (against stub upstreams) and by GatewayIT and ConsoleIT (against the
 * running services).
 */
public final class NginxGateway {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path prefix;
    private final int port;
    private final Path nginx;
    private Process process;

    /** Renders the templates for these upstreams ("host:port" by service name) and a free port. */
    public NginxGateway(Path workDirectory, Map<String, String> upstreams) {
        this(workDirectory, upstreams, "127.0.0.1");
    }

    /** The same, believing X-Forwarded-For only from these proxies (an address or a CIDR range). */
    public NginxGateway(Path workDirectory, Map<String, String> upstreams, String trustedProxies) {
        this.nginx = binary();
        this.prefix = workDirectory.toAbsolutePath();
        this.port = Repository.freePort();
        Map<String, String> variables = new LinkedHashMap<>();
        upstreams.forEach((service, address) -> variables.put("BAZAAR_" + service.toUpperCase() + "_UPSTREAM",
                address));
        variables.put("BAZAAR_GATEWAY_LISTEN", "127.0.0.1:" + port);
        variables.put("BAZAAR_GATEWAY_TRUSTED_PROXIES", trustedProxies);
        try {
            Path conf = prefix.resolve("conf");
            Files.createDirectories(conf.resolve("conf.d"));
            Path config = conf.resolve("nginx.conf");
            Files.deleteIfExists(config);
            Files.createSymbolicLink(config, Repository.file("infra/gateway/nginx.conf"));
            // the operator console's pages, served from console/ beside the prefix, as ./bazaar links them
            Path console = prefix.resolve("console");
            Files.deleteIfExists(console);
            Files.createSymbolicLink(console, Repository.file("infra/gateway/console"));
            try (var templates = Files.list(Repository.file("infra/gateway/templates"))) {
                for (Path template : templates.filter(t -> t.toString().endsWith(".conf.template")).toList()) {
                    String name = template.getFileName().toString().replace(".template", "");
                    Files.writeString(conf.resolve("conf.d").resolve(name),
                            render(Files.readString(template), variables));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nginx, or a failure that says how to get it (./bazaar test installs it). */
    public static Path binary() {
        return Repository.program("nginx").orElseThrow(() -> new IllegalStateException(
                "nginx is not installed: apt-get install nginx (./bazaar test installs it)"));
    }

    /** envsubst semantics: the given variables are replaced, every other $ (nginx's own variables) stays. */
    static String render(String template, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("template needs " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code nginx -t} on the committed file; returns nginx's verdict (exit code and output). */
    public Repository.CommandResult configTest() {
        List<String> command = new ArrayList<>(List.of(nginx.toString(), "-t"));
        command.addAll(arguments());
        return Repository.run(command);
    }

    public void start() {
        List<String> command = new ArrayList<>(List.of(nginx.toString()));
        command.addAll(arguments());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(prefix.resolve("nginx.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("gateway on " + url()).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve(
                                "nginx.log")));
                    }
                    return healthy();
                });
    }

    /** Fast shutdown (SIGTERM); the workers go with the master. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return prefix.resolve("nginx.log");
    }

    private List<String> arguments() {
        // Run by root, nginx's workers would be nobody, who may not traverse a checkout in a private directory to read
        // the console's pages: they stay the user that runs the tests.
        String user = "root".equals(System.getProperty("user.name")) ? " user root;" : "";
        return List.of("-e", "stderr", "-p", prefix + "/", "-c", prefix.resolve("conf/nginx.conf").toString(), "-g",
                "daemon off; pid " + prefix.resolve("nginx.pid") + ";" + user);
    }

    private boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/healthz")).timeout(Duration.ofSeconds(1))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

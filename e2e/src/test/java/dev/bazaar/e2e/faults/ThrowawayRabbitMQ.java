package dev.bazaar.e2e.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

/** A RabbitMQ node of the test's own, on free ports, so the test may stop and restart it. */
final class ThrowawayRabbitMQ implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final int distributionPort;
    private final String node;

    ThrowawayRabbitMQ(Path directory, int port, int distributionPort) {
        this.directory = directory;
        this.port = port;
        this.distributionPort = distributionPort;
        this.node = "bazaar-faults-" + port + "@localhost";
    }

    String node() {
        return node;
    }

    int port() {
        return port;
    }

    void start() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
        Files.writeString(directory.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n");
        // the server script runs as the rabbitmq user, which must own the node's files
        Shell.chown(directory, "rabbitmq");
        Shell.run(directory, Map.of("RABBITMQ_NODENAME", node, "RABBITMQ_NODE_PORT", String.valueOf(port),
                "RABBITMQ_DIST_PORT", String.valueOf(distributionPort),
                "RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", directory.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString(),
                "RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString(),
                "RABBITMQ_PID_FILE", directory.resolve("pid").toString()), "rabbitmq-server", "-detached");
        Awaitility.await("RabbitMQ node " + node).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    ctl("await_startup");
                    return true;
                });
    }

    String ctl(String... args) {
        String[] command = new String[args.length + 4];
        command[0] = "rabbitmqctl";
        command[1] = "-q";
        command[2] = "-n";
        command[3] = node;
        System.arraycopy(args, 0, command, 4, args.length);
        return Shell.run(directory, Map.of(), command);
    }

    @Override
    public void close() {
        try {
            ctl("stop");
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
    }
}

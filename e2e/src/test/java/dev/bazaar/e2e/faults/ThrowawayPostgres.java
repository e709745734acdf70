package dev.bazaar.e2e.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL cluster of the test's own (initdb on a free port), so the test may crash and restart it without
 * disturbing anything else on the machine. Durable settings as shipped: fsync and synchronous commit stay on.
 */
final class ThrowawayPostgres implements AutoCloseable {

    private final Path directory;
    private final Path data;
    private final int port;
    private final String bin;

    ThrowawayPostgres(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.bin = newestBinDirectory();
    }

    int port() {
        return port;
    }

    void start() throws java.io.IOException {
        if (!Files.exists(data)) {
            Files.createDirectories(directory);
            Shell.chown(directory, "postgres");
            asPostgres(bin + "/initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        }
        asPostgres(bin + "/pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=300",
                "start");
    }

    /** An immediate shutdown: no checkpoint, every connection cut, WAL recovery at the next start. */
    void crash() {
        asPostgres(bin + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    @Override
    public void close() {
        try {
            asPostgres(bin + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
    }

    private void asPostgres(String... command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        Shell.run(directory.getParent(), Map.of(), full.toArray(String[]::new));
    }

    private static String newestBinDirectory() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(Comparator.comparing(path -> Integer.parseInt(path.getFileName().toString())))
                    .orElseThrow().resolve("bin").toString();
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql", e);
        }
    }
}

package dev.bazaar.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the server tools (pg_ctl, rabbitmq-server, ...) the fault tests drive. */
final class Shell {

    private Shell() {
    }

    static String run(Path directory, Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .directory(directory.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void chown(Path path, String user) {
        run(path.getParent(), Map.of(), "chown", "-R", user + ":" + user, path.toString());
    }

    /**
     * A new directory under the system's temporary directory that every user may traverse (rwxr-xr-x): the servers run
     * as the postgres and rabbitmq users, which cannot reach into a checkout that lives in a private (0700) folder.
     */
    static Path sharedTempDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** Deletes the tree, best effort (what cannot be deleted stays in the temporary directory). */
    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("clean-up of " + root + ": " + e);
        }
    }
}

package dev.bazaar.e2e.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and peak memory from /proc (Linux). CPU is utime + stime of a process (all its threads), in clock ticks;
 * for a whole server (PostgreSQL = the postmaster and its backends; RabbitMQ = the broker's beam.smp and its helpers)
 * the reaped children's cutime + cstime are added, so a backend that exits between two samples does not take its CPU
 * with it.
 */
final class ProcessStats {

    /** USER_HZ: /proc reports CPU in these ticks; 100 on every Linux this runs on (getconf CLK_TCK). */
    static final double TICK_MILLIS = 1000.0 / ticksPerSecond();

    private ProcessStats() {
    }

    /** CPU milliseconds of one process so far; 0 once it is gone. */
    static double cpuMillis(long pid) {
        long[] fields = stat(Path.of("/proc", Long.toString(pid), "stat"));
        return fields == null ? 0 : (fields[0] + fields[1]) * TICK_MILLIS;
    }

    /**
     * CPU milliseconds of a server: the process {@code root} and all its descendants, including the reaped children's
     * cutime + cstime. A tree rather than a user: another PostgreSQL cluster or RabbitMQ node on the machine (a test's
     * throwaway one) runs as the same user and must not count.
     */
    static double cpuMillisOfTree(long root) {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, long[]> stats = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long[] fields = stat(process.resolve("stat"));
                if (fields != null) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    parents.put(pid, fields[4]);
                    stats.put(pid, fields);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long ticks = 0;
        for (Map.Entry<Long, long[]> process : stats.entrySet()) {
            if (descends(process.getKey(), root, parents)) {
                long[] f = process.getValue();
                ticks += f[0] + f[1] + f[2] + f[3];
            }
        }
        return ticks * TICK_MILLIS;
    }

    private static boolean descends(long pid, long root, Map<Long, Long> parents) {
        for (int depth = 0; depth < 64 && pid > 1; depth++) {
            if (pid == root) {
                return true;
            }
            pid = parents.getOrDefault(pid, 0L);
        }
        return pid == root;
    }

    /** Busy CPU milliseconds of the whole machine (all cores; everything but idle and iowait) from /proc/stat. */
    static double machineBusyMillis() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy * TICK_MILLIS;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Peak resident set size (VmHWM) of a process in MiB. */
    static double peakRssMib(long pid) {
        return statusKib(pid, "VmHWM:") / 1024.0;
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime, stime, cutime, cstime, ppid; the command name may hold spaces and parentheses, so parse after the last ')'. */
    private static long[] stat(Path file) {
        try {
            String content = Files.readString(file);
            String[] f = content.substring(content.lastIndexOf(')') + 2).trim().split("\\s+");
            // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process process = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}

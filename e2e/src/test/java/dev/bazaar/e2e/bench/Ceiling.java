package dev.bazaar.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.bazaar.e2e.Backends;

/**
 * Measures the ceiling in the benchmark's own run: pgbench against a scratch database it creates and drops, with a
 * transaction shaped like a saga step (claim the message in the inbox, update one row, write the reply to the outbox
 * whose trigger NOTIFYs the relay, commit durably); RabbitMQ PerfTest in a scratch vhost with what the relay does
 * (persistent messages of the measured body size, publisher confirms with a window of unconfirmed messages, quorum
 * queues, consumers acknowledging each message with a prefetch of 100, as the services' consumers do).
 */
final class Ceiling {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern RECEIVED = Pattern.compile("receiving rate avg: ([0-9.]+) msg/s");

    private final Backends backends;
    private final Servers servers;
    private final BenchSettings settings;
    private final Path work;

    Ceiling(Backends backends, Servers servers, BenchSettings settings, Path work) {
        this.backends = backends;
        this.servers = servers;
        this.settings = settings;
        this.work = work;
    }

    static String pgbenchScript(int bodyBytes) {
        return """
                \\set product random(1, 100)
                BEGIN;
                INSERT INTO inbox_message (consumer, message_id, message_type)
                    VALUES ('stock-commands', gen_random_uuid(), 'stock.reserve') ON CONFLICT DO NOTHING;
                UPDATE product SET on_hand = on_hand - 1, reserved = reserved + 1 WHERE id = :product;
                INSERT INTO outbox_message (id, routing_key, message_type, aggregate_id, correlation_id, body)
                    VALUES (gen_random_uuid(), 'stock.reserved', 'stock.reserved', :product, :product,
                            repeat('x', %d));
                COMMIT;
                """.formatted(bodyBytes);
    }

    CeilingResult measure(int bodyBytes) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> notes = new ArrayList<>();
        String script = pgbenchScript(bodyBytes);
        double[] pg = pgbench(script, notes);
        String[] command = new String[1];
        double[] mq = perfTest(bodyBytes, notes, command);
        return new CeilingResult(settings.pgbenchClients(), settings.ceilingWindow().toSeconds(), pg[0], pg[1], pg[2],
                bodyBytes, settings.perfTestQueues(), settings.perfTestInflight(),
                settings.ceilingWindow().toSeconds(), mq[0], mq[1], mq[2], script, command[0],
                String.join("; ", notes));
    }

    /** tps, PostgreSQL CPU microseconds per transaction, machine busy %. */
    private double[] pgbench(String script, List<String> notes) throws IOException, InterruptedException {
        String database = "bazaar_ceiling_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Path file = work.resolve("saga-step.sql");
        Files.writeString(file, script);
        try {
            backends.sql("postgres", "create database " + database);
            backends.sql(database, """
                    create table product (id bigint primary key, on_hand bigint not null, reserved bigint not null);
                    insert into product select g, 1000000000, 0 from generate_series(1, 100) g;
                    create table inbox_message (consumer text not null, message_id uuid not null,
                        message_type text not null, received_at timestamptz not null default now(),
                        primary key (consumer, message_id));
                    create table outbox_message (seq bigserial primary key, id uuid not null unique,
                        routing_key text not null, message_type text not null, aggregate_id text not null,
                        correlation_id text not null, body text not null,
                        created_at timestamptz not null default now());
                    """);
            double pgBefore = servers.postgresCpuMillis();
            double busyBefore = ProcessStats.machineBusyMillis();
            long started = System.nanoTime();
            String output = run(List.of("pgbench", "-h", backends.pgHost(), "-p", String.valueOf(backends.pgPort()),
                    "-U", "postgres", "-n", "-c", String.valueOf(settings.pgbenchClients()), "-j", "2", "-T",
                    String.valueOf(settings.ceilingWindow().toSeconds()), "-f", file.toString(), database));
            double seconds = (System.nanoTime() - started) / 1e9;
            double pgMillis = servers.postgresCpuMillis() - pgBefore;
            double busy = busyPercent(busyBefore, seconds);
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                notes.add("pgbench printed no tps: " + output.lines().reduce("", (a, b) -> b));
                return new double[] {Double.NaN, Double.NaN, busy};
            }
            double transactions = Double.parseDouble(tps.group(1)) * settings.ceilingWindow().toSeconds();
            return new double[] {Double.parseDouble(tps.group(1)), pgMillis * 1000 / transactions, busy};
        } catch (java.sql.SQLException e) {
            notes.add("pgbench not run: " + e.getMessage());
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        } finally {
            try {
                backends.sql("postgres", "drop database if exists " + database + " with (force)");
            } catch (java.sql.SQLException e) {
                notes.add("scratch database " + database + " not dropped: " + e.getMessage());
            }
        }
    }

    /** Messages/s received, broker CPU microseconds per message, machine busy %. */
    private double[] perfTest(int bodyBytes, List<String> notes, String[] commandLine)
            throws IOException, InterruptedException {
        Path lib = settings.perfTestLib();
        if (!Files.isDirectory(lib)) {
            notes.add("PerfTest not run: " + lib + " missing (the bench profile copies com.rabbitmq:perf-test there)");
            commandLine[0] = "";
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        String classpath;
        try (Stream<Path> jars = Files.list(lib)) {
            classpath = String.join(java.io.File.pathSeparator, jars.map(Path::toString).sorted().toList());
        }
        String vhost = "bazaar-ceiling-" + UUID.randomUUID().toString().substring(0, 8);
        backends.rabbitmqctl("add_vhost", vhost);
        try {
            backends.rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            int queues = settings.perfTestQueues();
            List<String> arguments = List.of("--uri", "amqp://guest:guest@" + backends.amqpHost() + ":"
                            + backends.amqpPort() + "/" + vhost,
                    "--producers", String.valueOf(queues), "--consumers", String.valueOf(queues),
                    "--queue-pattern", "ceiling-%d", "--queue-pattern-from", "1", "--queue-pattern-to",
                    String.valueOf(queues), "--quorum-queue", "--flag", "persistent",
                    "--confirm", String.valueOf(settings.perfTestInflight()), "--qos", "100",
                    "--size", String.valueOf(bodyBytes), "--time", String.valueOf(settings.ceilingWindow().toSeconds()),
                    "--exchange", "ceiling.events", "--type", "topic");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", classpath, "com.rabbitmq.perf.PerfTest"));
            command.addAll(arguments);
            commandLine[0] = "PerfTest " + String.join(" ", arguments).replace("guest:guest@", "");
            double mqBefore = servers.rabbitmqCpuMillis();
            double busyBefore = ProcessStats.machineBusyMillis();
            long started = System.nanoTime();
            String output = run(command);
            double seconds = (System.nanoTime() - started) / 1e9;
            double mqMillis = servers.rabbitmqCpuMillis() - mqBefore;
            double busy = busyPercent(busyBefore, seconds);
            Matcher received = RECEIVED.matcher(output);
            if (!received.find()) {
                notes.add("PerfTest printed no receiving rate: " + output.lines().reduce("", (a, b) -> b));
                return new double[] {Double.NaN, Double.NaN, busy};
            }
            double rate = Double.parseDouble(received.group(1));
            // The broker's CPU over PerfTest's whole run (connect, declare, send, drain) per message received.
            double messages = rate * settings.ceilingWindow().toSeconds();
            return new double[] {rate, mqMillis * 1000 / messages, busy};
        } finally {
            backends.rabbitmqctl("delete_vhost", vhost);
        }
    }

    private static double busyPercent(double busyBefore, double seconds) {
        return (ProcessStats.machineBusyMillis() - busyBefore)
                / (seconds * 1000 * Runtime.getRuntime().availableProcessors()) * 100;
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes());
        long timeout = settings.ceilingWindow().toSeconds() + 120;
        if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in " + Duration.ofSeconds(timeout));
        }
        Files.writeString(work.resolve(Path.of(command.get(0)).getFileName() + ".log"), output,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }
}

package dev.bazaar.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import dev.bazaar.e2e.checker.CheckReport;
import dev.bazaar.e2e.checker.ConsistencyChecker;
import dev.bazaar.e2e.checker.Databases;

/**
 * The four packaged services as processes on free ports, against fresh databases on the local PostgreSQL and a fresh
 * vhost on the local RabbitMQ; removed again when the test JVM exits. One instance is shared by all scenarios.
 */
public final class BazaarSystem {

    /** The checkout: -Dbazaar.root, or the parent of the e2e module the tests run in. */
    public static final Path ROOT = Topology.ROOT;
    /** The services, in start order (infra/topology.properties). */
    public static final List<String> SERVICES = Topology.services();
    public static final String ADMIN_EMAIL = "admin@bazaar.test";
    public static final Duration CREDIT_DEADLINE = Duration.ofSeconds(6);
    private static BazaarSystem shared;

    private final Backends backends;
    private final String name;
    private final String prefix;
    private final String vhost;
    /** The run's own broker user: a packaged service refuses RabbitMQ's well-known guest password. */
    private final String brokerUser;
    private final String brokerPassword = UUID.randomUUID().toString();
    /** Checked by no one on a server with trust authentication, but a packaged service refuses to start without. */
    private final String databasePassword = UUID.randomUUID().toString();
    private final String adminPassword = UUID.randomUUID().toString();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, List<ServiceProcess>> replicas = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Path work;

    public BazaarSystem(String name, Backends backends) {
        this.name = name;
        this.backends = backends;
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        prefix = "bazaar_" + name + "_" + suffix + "_";
        vhost = "bazaar-" + name + "-" + suffix;
        brokerUser = vhost;
        work = ROOT.resolve("e2e/target/" + name + "-run");
    }

    public static synchronized BazaarSystem shared() {
        if (shared == null) {
            shared = new BazaarSystem("e2e", Backends.local());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy));
            shared.start(Map.of(), Map.of());
        }
        return shared;
    }

    /**
     * Creates the databases and the vhost and starts one process per service. {@code common} is added to every
     * service's environment, {@code perService} to one service's (e.g. a proxy port in front of its database).
     */
    public void start(Map<String, String> common, Map<String, Map<String, String>> perService) {
        try {
            Files.createDirectories(work);
            for (String service : SERVICES) {
                backends.sql("postgres", "create database " + prefix + service);
            }
            backends.rabbitmqctl("add_vhost", vhost);
            backends.rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            backends.rabbitmqctl("add_user", brokerUser, brokerPassword);
            backends.rabbitmqctl("set_permissions", "-p", vhost, brokerUser, ".*", ".*", ".*");
            Map<String, String> keys = writeKeys(work);
            for (String service : SERVICES) {
                Map<String, String> env = new HashMap<>(keys);
                env.put("BAZAAR_DB_HOST", backends.pgHost());
                env.put("BAZAAR_DB_PORT", String.valueOf(backends.pgPort()));
                env.put("BAZAAR_DB_NAME", prefix + service);
                env.put("BAZAAR_DB_USER", "postgres");
                env.put("BAZAAR_DB_PASSWORD", databasePassword);
                env.put("BAZAAR_RABBITMQ_HOST", backends.amqpHost());
                env.put("BAZAAR_RABBITMQ_PORT", String.valueOf(backends.amqpPort()));
                env.put("BAZAAR_RABBITMQ_VHOST", vhost);
                env.put("BAZAAR_RABBITMQ_USER", brokerUser);
                env.put("BAZAAR_RABBITMQ_PASSWORD", brokerPassword);
                env.put("BAZAAR_USER_ADMIN_EMAIL", ADMIN_EMAIL);
                env.put("BAZAAR_USER_ADMIN_PASSWORD", adminPassword);
                env.put("BAZAAR_SAGA_CREDIT_DEADLINE", CREDIT_DEADLINE.toSeconds() + "s");
                env.put("BAZAAR_SAGA_STOCK_DEADLINE", "15s");
                // no trace store unless a test brings one (OTLP export to nowhere would only log failures)
                env.put("BAZAAR_TRACE_SAMPLING", "0");
                env.putAll(common);
                env.putAll(perService.getOrDefault(service, Map.of()));
                environments.put(service, env);
                services.put(service, process(service, service, env));
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot prepare the " + name + " system", e);
        }
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(service -> service.awaitReady(Duration.ofSeconds(120)));
    }

    /** Starts one more process of {@code service} on its own port: same databases, same queues. */
    public ServiceProcess addReplica(String service) {
        List<ServiceProcess> list = replicas.computeIfAbsent(service, s -> new java.util.ArrayList<>());
        try {
            ServiceProcess replica = process(service, service + "-" + (list.size() + 2), environments.get(service));
            list.add(replica);
            replica.start();
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ServiceProcess> replicas(String service) {
        return replicas.getOrDefault(service, List.of());
    }

    public Backends backends() {
        return backends;
    }

    public String vhost() {
        return vhost;
    }

    private ServiceProcess process(String service, String processName, Map<String, String> env) throws IOException {
        Path jar = ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: package the services first (./mvnw verify)");
        }
        return new ServiceProcess(processName, freePort(), jar, work.resolve(processName + ".log"), env);
    }

    /** The database of {@code service} in this system. */
    public String database(String service) {
        return prefix + service;
    }

    /** Where the services' logs ({@code <service>.log}) are written. */
    public Path work() {
        return work;
    }

    public String url(String service) {
        return services.get(service).url();
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Databases databases() {
        return Databases.onServer(backends.pgHost(), backends.pgPort(), prefix, "postgres", "");
    }

    /** Waits until no order is in flight and no outbox holds a row, then runs the consistency checker. */
    public CheckReport awaitQuietAndCheck(Duration timeout) {
        Awaitility.await("system quiet").atMost(timeout).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(this::quiet);
        try {
            CheckReport report = new ConsistencyChecker(databases(), 0).check();
            report.print(System.out);
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Nothing is left to do: every order terminal, every outbox drained, every checked-out cart following its order,
     * and no message waiting in or being handled from a consumer queue (parked dead letters aside). The databases are
     * read again after the broker: a message published while the queues were read shows up as a consumer's work or a
     * new outbox row, so all three holding in that order means the system stopped moving.
     */
    public boolean quiet() throws SQLException, IOException {
        return databasesQuiet() && messagesInFlight() == 0 && databasesQuiet();
    }

    private boolean databasesQuiet() throws SQLException {
        return new ConsistencyChecker(databases(), 0).check().violations().stream()
                .noneMatch(v -> v.invariant().equals("terminal state") || v.invariant().equals("outbox drained")
                        || v.invariant().equals("cart follows its order"));
    }

    /** Messages ready or unacknowledged in this system's consumer queues (not counting the dead-letter queues). */
    public long messagesInFlight() throws IOException {
        return backends.queueDepths(vhost).entrySet().stream().filter(queue -> !queue.getKey().endsWith(".dlq"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Kills every process and removes the databases and the vhost. */
    public void destroy() {
        services.values().forEach(ServiceProcess::kill);
        replicas.values().forEach(list -> list.forEach(ServiceProcess::kill));
        try {
            for (String service : SERVICES) {
                backends.sql("postgres", "drop database if exists " + prefix + service + " with (force)");
            }
            backends.rabbitmqctl("delete_vhost", vhost);
            backends.rabbitmqctl("delete_user", brokerUser);
        } catch (Exception e) {
            System.err.println("e2e clean-up incomplete: " + e);
        }
    }

    static Map<String, String> writeKeys(Path dir) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path privateKey = dir.resolve("private.pem");
            Path publicKey = dir.resolve("public.pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return Map.of("BAZAAR_JWT_PRIVATE_KEY", privateKey.toString(), "BAZAAR_JWT_PUBLIC_KEY",
                    publicKey.toString());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

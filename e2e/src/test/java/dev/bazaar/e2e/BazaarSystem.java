package dev.bazaar.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import dev.bazaar.e2e.checker.CheckReport;
import dev.bazaar.e2e.checker.ConsistencyChecker;
import dev.bazaar.e2e.checker.Databases;

/**
 * The four packaged services as processes on free ports, against fresh databases on the local PostgreSQL and a fresh
 * vhost on the local RabbitMQ; removed again when the test JVM exits. One instance is shared by all scenarios.
 */
final class BazaarSystem {

    static final List<String> SERVICES = List.of("catalog", "user", "cart", "ordering");
    static final String ADMIN_EMAIL = "admin@bazaar.test";
    static final Duration CREDIT_DEADLINE = Duration.ofSeconds(6);
    private static final String PG_HOST = System.getenv().getOrDefault("BAZAAR_TEST_PG_HOST", "127.0.0.1");
    private static final String PG_PORT = System.getenv().getOrDefault("BAZAAR_TEST_PG_PORT", "5432");
    private static BazaarSystem shared;

    private final String prefix;
    private final String vhost;
    private final String adminPassword = UUID.randomUUID().toString();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private BazaarSystem() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        prefix = "bazaar_e2e_" + suffix + "_";
        vhost = "bazaar-e2e-" + suffix;
    }

    static synchronized BazaarSystem shared() {
        if (shared == null) {
            shared = new BazaarSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy));
            shared.start();
        }
        return shared;
    }

    private void start() {
        Path root = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
        Path work = root.resolve("e2e/target/e2e-run");
        try {
            Files.createDirectories(work);
            for (String service : SERVICES) {
                sql("postgres", "create database " + prefix + service);
            }
            rabbitmqctl("add_vhost", vhost);
            rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            Map<String, String> keys = writeKeys(work);
            for (String service : SERVICES) {
                Path jar = root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " missing: package the services first (./mvnw verify)");
                }
                Map<String, String> env = new HashMap<>(keys);
                env.put("BAZAAR_DB_HOST", PG_HOST);
                env.put("BAZAAR_DB_PORT", PG_PORT);
                env.put("BAZAAR_DB_NAME", prefix + service);
                env.put("BAZAAR_DB_USER", "postgres");
                env.put("BAZAAR_RABBITMQ_HOST", "127.0.0.1");
                env.put("BAZAAR_RABBITMQ_VHOST", vhost);
                env.put("BAZAAR_USER_ADMIN_EMAIL", ADMIN_EMAIL);
                env.put("BAZAAR_USER_ADMIN_PASSWORD", adminPassword);
                env.put("BAZAAR_SAGA_CREDIT_DEADLINE", CREDIT_DEADLINE.toSeconds() + "s");
                env.put("BAZAAR_SAGA_STOCK_DEADLINE", "15s");
                services.put(service, new ServiceProcess(service, freePort(), jar,
                        work.resolve(service + ".log"), env));
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot prepare the e2e system", e);
        }
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(service -> service.awaitReady(Duration.ofSeconds(120)));
    }

    String url(String service) {
        return services.get(service).url();
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    String adminPassword() {
        return adminPassword;
    }

    Databases databases() {
        return Databases.onServer(PG_HOST, Integer.parseInt(PG_PORT), prefix, "postgres", "");
    }

    /** Waits until no order is in flight and no outbox holds a row, then runs the consistency checker. */
    CheckReport awaitQuietAndCheck(Duration timeout) {
        ConsistencyChecker quiet = new ConsistencyChecker(databases(), 0);
        Awaitility.await("system quiet").atMost(timeout).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> quiet.check().violations().stream().noneMatch(v -> v.invariant().equals("terminal state")
                        || v.invariant().equals("outbox drained") || v.invariant().equals("cart follows its order")));
        try {
            CheckReport report = new ConsistencyChecker(databases(), 0).check();
            report.print(System.out);
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void destroy() {
        services.values().forEach(ServiceProcess::kill);
        try {
            for (String service : SERVICES) {
                sql("postgres", "drop database if exists " + prefix + service + " with (force)");
            }
            rabbitmqctl("delete_vhost", vhost);
        } catch (Exception e) {
            System.err.println("e2e clean-up incomplete: " + e);
        }
    }

    private static Map<String, String> writeKeys(Path dir) throws IOException {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sql(String database, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/"
                + database, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static void rabbitmqctl(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

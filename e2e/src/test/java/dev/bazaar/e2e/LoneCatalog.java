package dev.bazaar.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged catalog run on its own in the prod profile, for tests of how it starts: a database and a vhost of the
 * test's own on the local servers, a broker user named after the vhost, and the environment a deployment would give
 * it. {@link #close()} drops them again.
 */
final class LoneCatalog implements AutoCloseable {

    private final Backends backends = Backends.local();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String database;
    private final String vhost;
    private final String brokerPassword = UUID.randomUUID().toString();
    private final Path work;
    private final Map<String, String> keys;

    LoneCatalog(String name) throws IOException, SQLException {
        database = "bazaar_" + name + "_" + suffix;
        vhost = "bazaar-" + name + "-" + suffix;
        work = BazaarSystem.ROOT.resolve("e2e/target/" + name + "-run");
        Files.createDirectories(work);
        keys = BazaarSystem.writeKeys(work);
        backends.sql("postgres", "create database " + database);
        backends.rabbitmqctl("add_vhost", vhost);
        backends.rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    Backends backends() {
        return backends;
    }

    String vhost() {
        return vhost;
    }

    /** Creates catalog's broker user (named after the vhost) with these permission patterns. */
    void grantBrokerUser(String configure, String write, String read) throws IOException {
        backends.rabbitmqctl("add_user", vhost, brokerPassword);
        backends.rabbitmqctl("set_permissions", "-p", vhost, vhost, configure, write, read);
    }

    /** What a deployment gives catalog: its database, the vhost and its broker user, real passwords, the keys. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(keys);
        env.put("BAZAAR_DB_HOST", backends.pgHost());
        env.put("BAZAAR_DB_PORT", String.valueOf(backends.pgPort()));
        env.put("BAZAAR_DB_NAME", database);
        env.put("BAZAAR_DB_USER", "postgres");
        env.put("BAZAAR_DB_PASSWORD", UUID.randomUUID().toString());
        env.put("BAZAAR_RABBITMQ_HOST", backends.amqpHost());
        env.put("BAZAAR_RABBITMQ_PORT", String.valueOf(backends.amqpPort()));
        env.put("BAZAAR_RABBITMQ_VHOST", vhost);
        env.put("BAZAAR_RABBITMQ_USER", vhost);
        env.put("BAZAAR_RABBITMQ_PASSWORD", brokerPassword);
        return env;
    }

    /** A catalog process with this environment, logging to {@link #log(String)}; not started yet. */
    ServiceProcess process(String name, Map<String, String> env) throws IOException {
        Files.deleteIfExists(log(name));
        return new ServiceProcess("catalog-" + name, BazaarSystem.freePort(),
                BazaarSystem.ROOT.resolve("catalog/target/quarkus-app/quarkus-run.jar"), log(name), env);
    }

    Path log(String name) {
        return work.resolve(name + ".log");
    }

    @Override
    public void close() throws IOException, SQLException {
        backends.sql("postgres", "drop database if exists " + database + " with (force)");
        backends.rabbitmqctl("delete_vhost", vhost);
        backends.rabbitmqctl("delete_user", vhost);
    }
}

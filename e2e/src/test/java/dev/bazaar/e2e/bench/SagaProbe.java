package dev.bazaar.e2e.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import dev.bazaar.e2e.checker.Databases;

/**
 * Reads the services' databases (server-side truth, no client polling): orders in flight, orders settled in an
 * interval, and checkout-accepted to confirmed latency from ordering's orders.created_at (set when POST /orders is
 * handled) and orders.updated_at (set by the transition to CONFIRMED; nothing changes a confirmed order during the
 * benchmark). Also the commit counters of the four databases from pg_stat_database, minus this probe's own, and their
 * statements from pg_stat_statements where the server tracks them.
 */
final class SagaProbe implements AutoCloseable {

    private static final DateTimeFormatter PLACED_AT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Map<String, Connection> services = new LinkedHashMap<>();
    private final Connection postgres;
    private final String[] databaseNames;
    /** Whether pg_stat_statements can be read: its library must be in shared_preload_libraries. */
    private final boolean statementsTracked;
    /**
     * Statements this probe ran on the services' databases: each is a commit pg_stat_database counts, and one
     * statement pg_stat_statements counts (autocommit, one statement per call).
     */
    private long ownCommits;
    private boolean autovacuumTurnedOn;
    /** What {@link #quiet()} and {@link #unfinished()} count. */
    private final List<Pending> pending;

    SagaProbe(Databases databases, String postgresUrl) throws SQLException {
        Map<String, String> urls = Map.of("catalog", databases.catalog(), "user", databases.user(), "cart",
                databases.cart(), "ordering", databases.ordering());
        for (Map.Entry<String, String> url : urls.entrySet()) {
            services.put(url.getKey(), DriverManager.getConnection(url.getValue(), databases.username(),
                    databases.password()));
        }
        this.postgres = DriverManager.getConnection(postgresUrl, databases.username(), databases.password());
        this.databaseNames = urls.values().stream().map(url -> url.substring(url.lastIndexOf('/') + 1))
                .toArray(String[]::new);
        this.statementsTracked = tracksStatements(postgres);
        this.pending = pending(services.keySet());
    }

    /**
     * Creates the pg_stat_statements extension in the postgres database if it can, then checks that its view answers:
     * the extension can be created without its library loaded, and then every read throws.
     */
    private static boolean tracksStatements(Connection postgres) {
        try (Statement statement = postgres.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            // not installed on this server, or not allowed: the checks below decide
        }
        try (Statement statement = postgres.createStatement();
                ResultSet extension = statement.executeQuery(
                        "select 1 from pg_extension where extname = 'pg_stat_statements'")) {
            if (!extension.next()) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        try (Statement statement = postgres.createStatement();
                ResultSet calls = statement.executeQuery("select sum(calls) from pg_stat_statements")) {
            calls.next();
            return true;
        } catch (SQLException e) {
            // "pg_stat_statements must be loaded via shared_preload_libraries"
            return false;
        }
    }

    /**
     * Makes PostgreSQL maintain the services' tables as a production server does: autovacuum (which keeps the
     * planner's statistics current and the churned outbox and inbox tables small) is turned on for the run if the
     * server has it off, and every service database is analyzed once now, after the seeding and the warm-up, so no
     * window runs on plans made for empty tables. Returns what it did, for the report.
     */
    synchronized String maintainLikeProduction() throws SQLException {
        String before;
        try (Statement statement = postgres.createStatement();
                ResultSet setting = statement.executeQuery("show autovacuum")) {
            setting.next();
            before = setting.getString(1);
        }
        if (!"on".equals(before)) {
            try (Statement statement = postgres.createStatement()) {
                statement.execute("alter system set autovacuum = on");
                statement.execute("select pg_reload_conf()");
            }
            autovacuumTurnedOn = true;
        }
        for (Connection service : services.values()) {
            try (Statement statement = service.createStatement()) {
                statement.execute("analyze");
                ownCommits++;
            }
        }
        return autovacuumTurnedOn ? "autovacuum turned on for the run (the server had it off), databases analyzed"
                + " after the warm-up" : "autovacuum on, databases analyzed after the warm-up";
    }

    /** Gives the server its own autovacuum setting back, if {@link #maintainLikeProduction()} changed it. */
    synchronized void restoreMaintenance() throws SQLException {
        if (autovacuumTurnedOn) {
            try (Statement statement = postgres.createStatement()) {
                statement.execute("alter system reset autovacuum");
                statement.execute("select pg_reload_conf()");
            }
            autovacuumTurnedOn = false;
        }
    }

    private static final String IN_FLIGHT = "select count(*) from orders where status in ('PENDING', "
            + "'STOCK_RESERVED', 'CANCELLING')";

    /**
     * Orders that are not terminal yet. The closed loop asks 100 times a second, so this reads ordering's partial
     * index of waiting orders (the non-terminal states are exactly the ones with a deadline) instead of scanning the
     * whole table: the probe's own work is charged to PostgreSQL per order.
     */
    synchronized long inFlight() throws SQLException {
        return count("ordering", IN_FLIGHT);
    }

    /** One kind of work left to do: its name in a report, and the count that says how much of it is left. */
    private record Pending(String kind, String service, String sql) {
    }

    /**
     * Orders in flight, stock reservations and credit holds waiting for their commit or capture, and each service's
     * unpublished outbox rows.
     */
    private static List<Pending> pending(Iterable<String> services) {
        List<Pending> pending = new ArrayList<>(List.of(
                new Pending("orders in flight", "ordering", IN_FLIGHT),
                new Pending("stock reservations RESERVED", "catalog",
                        "select count(*) from stock_reservation where status = 'RESERVED'"),
                new Pending("credit holds HELD", "user", "select count(*) from credit_hold where status = 'HELD'")));
        for (String service : services) {
            pending.add(new Pending(service + " outbox rows", service, "select count(*) from outbox_message"));
        }
        return List.copyOf(pending);
    }

    /**
     * Nothing of any order is left to do: every order terminal, no stock reservation or credit hold waiting for its
     * commit or capture, no outbox row unpublished (so order.confirmed reached cart's queue, too). Stops at the first
     * count that is not zero: the drain polls it, and its queries are charged to the window.
     */
    synchronized boolean quiet() throws SQLException {
        for (Pending kind : pending) {
            if (count(kind.service(), kind.sql()) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is left to do, by kind, counting only the kinds that are not zero; empty when {@link #quiet()}. All the
     * counts each time: for a report, not for polling.
     */
    synchronized Map<String, Long> unfinished() throws SQLException {
        Map<String, Long> left = new TreeMap<>();
        for (Pending kind : pending) {
            long count = count(kind.service(), kind.sql());
            if (count > 0) {
                left.put(kind.kind(), count);
            }
        }
        return left;
    }

    /** Orders by status whose last change (confirmation or rejection) falls in [from, to). */
    synchronized Map<String, Long> settledBetween(Instant from, Instant to) throws SQLException {
        Map<String, Long> byStatus = new TreeMap<>();
        ownCommits++;
        try (PreparedStatement statement = services.get("ordering").prepareStatement("select status, count(*) "
                + "from orders where status in ('CONFIRMED', 'REJECTED') and updated_at >= ? and updated_at < ? "
                + "group by status")) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byStatus.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return byStatus;
    }

    /** Accepted-to-confirmed latency in microseconds of the orders created in [from, to) and confirmed by now. */
    synchronized Histogram sagaLatency(Instant from, Instant to) throws SQLException {
        Histogram histogram = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        ownCommits++;
        try (PreparedStatement statement = services.get("ordering").prepareStatement("select (extract(epoch from "
                + "updated_at) - extract(epoch from created_at)) * 1000000 from orders "
                + "where status = 'CONFIRMED' and created_at >= ? and created_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    histogram.recordValue(Math.max(0, Math.min(Math.round(rows.getDouble(1)),
                            histogram.getHighestTrackableValue())));
                }
            }
        }
        return histogram;
    }

    /**
     * The {@code limit} slowest orders created in [from, to) and confirmed by now, slowest first, each split into its
     * two legs from ordering's saga log: placed to "received stock.reserved" (ordering's outbox, the broker, catalog's
     * transaction and outbox, the broker back) and from there to confirmed (the same through user). Slow orders
     * bunched in time point at a stall of a shared part; one slow leg throughout, at that leg's path.
     */
    synchronized List<SlowOrder> slowest(Instant from, Instant to, int limit) throws SQLException {
        List<SlowOrder> slowest = new ArrayList<>();
        ownCommits++;
        try (PreparedStatement statement = services.get("ordering").prepareStatement("select o.created_at, "
                + "extract(epoch from o.updated_at - o.created_at) * 1000, "
                + "extract(epoch from s.at - o.created_at) * 1000, extract(epoch from o.updated_at - s.at) * 1000 "
                + "from orders o join saga_step s on s.order_id = o.id and s.step = 'received stock.reserved' "
                + "where o.status = 'CONFIRMED' and o.created_at >= ? and o.created_at < ? "
                + "order by o.updated_at - o.created_at desc limit ?")) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            statement.setInt(3, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    slowest.add(new SlowOrder(PLACED_AT.format(rows.getTimestamp(1).toInstant()), rows.getDouble(2),
                            rows.getDouble(3), rows.getDouble(4)));
                }
            }
        }
        return slowest;
    }

    /** One order's time of placement (UTC) and its accepted-to-confirmed time and two legs, in milliseconds. */
    record SlowOrder(String placedAt, double totalMillis, double stockLegMillis, double creditLegMillis) {
    }

    /**
     * PostgreSQL's background work so far: checkpoints (timed and requested) in the whole cluster, and autovacuum and
     * autoanalyze runs on the services' tables. A window whose count moved had that work competing with it.
     */
    synchronized Map<String, Long> backgroundWork() throws SQLException {
        Map<String, Long> work = new LinkedHashMap<>();
        work.put("checkpoints", checkpoints());
        long vacuums = 0;
        long analyzes = 0;
        for (Connection connection : services.values()) {
            ownCommits++;
            try (PreparedStatement statement = connection.prepareStatement("select coalesce(sum(autovacuum_count), 0),"
                    + " coalesce(sum(autoanalyze_count), 0) from pg_stat_user_tables");
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                vacuums += rows.getLong(1);
                analyzes += rows.getLong(2);
            }
        }
        work.put("autovacuums", vacuums);
        work.put("autoanalyzes", analyzes);
        return work;
    }

    private long checkpoints() throws SQLException {
        // PostgreSQL 17 moved the counters from pg_stat_bgwriter to pg_stat_checkpointer.
        String sql = postgres.getMetaData().getDatabaseMajorVersion() >= 17
                ? "select num_timed + num_requested from pg_stat_checkpointer"
                : "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter";
        try (PreparedStatement statement = postgres.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Committed transactions so far, summed over the four services' databases, minus this probe's own. */
    synchronized long commits() throws SQLException {
        try (PreparedStatement statement = postgres.prepareStatement(
                "select coalesce(sum(xact_commit), 0) from pg_stat_database where datname = any(?)")) {
            statement.setArray(1, postgres.createArrayOf("text", databaseNames));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) - ownCommits;
            }
        }
    }

    /**
     * Statements executed so far in the four services' databases (pg_stat_statements' calls, top-level statements),
     * minus this probe's own; -1 when the server does not track statements or the read fails, which only takes the
     * figure out of the report.
     */
    synchronized long statements() {
        if (!statementsTracked) {
            return -1;
        }
        try (PreparedStatement statement = postgres.prepareStatement("select coalesce(sum(calls), 0) "
                + "from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = any(?)")) {
            statement.setArray(1, postgres.createArrayOf("text", databaseNames));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) - ownCommits;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private long count(String service, String sql) throws SQLException {
        ownCommits++;
        try (PreparedStatement statement = services.get(service).prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        restoreMaintenance();
        for (Connection connection : services.values()) {
            connection.close();
        }
        postgres.close();
    }
}

package dev.bazaar.e2e.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.bazaar.e2e.Backends;

/**
 * The root processes of the PostgreSQL server and the RabbitMQ node the system runs against, found once: the
 * postmaster (the parent of a backend) and the broker's Erlang VM. Their CPU is that of their whole process tree.
 */
record Servers(long postgresPid, long rabbitmqPid) {

    static Servers of(Backends backends) throws SQLException, IOException {
        long postmaster;
        try (Connection connection = backends.connect("postgres"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            // while the connection is open: the backend exits with it
            postmaster = ProcessHandle.of(rows.getLong(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL runs on another machine: its CPU "
                            + "cannot be read from /proc here"));
        }
        String beam = backends.rabbitmqctl("eval", "os:getpid().").trim().replace("\"", "");
        return new Servers(postmaster, Long.parseLong(beam));
    }

    double postgresCpuMillis() {
        return ProcessStats.cpuMillisOfTree(postgresPid);
    }

    double rabbitmqCpuMillis() {
        return ProcessStats.cpuMillisOfTree(rabbitmqPid);
    }
}

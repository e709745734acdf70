package dev.bazaar.infra.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of the relay, run on a connection inside the relay's own transaction. */
@ApplicationScoped
class OutboxStore {

    Uni<Boolean> tryLock(SqlConnection connection) {
        return connection.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(Tuple.of(OutboxRelay.LOCK_KEY))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** The oldest rows committed at least {@code minAgeMillis} ago, in order of creation. */
    Uni<List<OutboxRow>> pending(SqlConnection connection, int limit, long minAgeMillis) {
        return connection.preparedQuery("select seq, id, routing_key, message_type, correlation_id, body, "
                        + "created_at, traceparent from outbox_message "
                        + "where created_at < clock_timestamp() - $2 * interval '1 ms' order by seq limit $1")
                .execute(Tuple.of(limit, minAgeMillis))
                .map(rows -> {
                    List<OutboxRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new OutboxRow(row.getLong("seq"), row.getUUID("id"), row.getString("routing_key"),
                                row.getString("message_type"), row.getString("correlation_id"),
                                row.getString("body"), row.getOffsetDateTime("created_at").toInstant(),
                                row.getString("traceparent")));
                    }
                    return result;
                });
    }

    Uni<Integer> delete(SqlConnection connection, List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Long[] seqs = rows.stream().map(OutboxRow::seq).toArray(Long[]::new);
        return connection.preparedQuery("delete from outbox_message where seq = any($1)")
                .execute(Tuple.of(seqs))
                .map(result -> result.rowCount());
    }
}

package dev.bazaar.infra.inbox;

import java.util.List;

import dev.bazaar.infra.outbox.OutboxBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies messages of one type with plain SQL on the batch's transaction: lock the rows they touch once, in a fixed
 * order, and change them with multi-row statements. The messages were claimed in the inbox in the same transaction,
 * so each is new here; what they send goes into {@code outbox}, inserted with one statement before the commit and
 * published right after it. Writes whose results the handler does not need go to
 * {@link OutboxBatch#writeWithCommit}: they are sent with the commit, in the same round trip. A message that can
 * never succeed throws {@link RejectedMessageException}; any failure rolls back the whole batch, which infra then
 * splits to find the message at fault.
 */
@FunctionalInterface
public interface BatchHandler<P> {

    Uni<Void> handle(SqlConnection transaction, List<Received<P>> messages, OutboxBatch outbox);
}

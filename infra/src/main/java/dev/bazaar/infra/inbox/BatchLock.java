package dev.bazaar.infra.inbox;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Locks the hot rows of a whole batch before its handlers run, in one round trip and a fixed order, when the batch
 * holds messages of more than one type. Each {@link BatchHandler} locks the rows of its own messages in a fixed
 * order, but a batch of two types runs two handlers, which lock twice: two batches of such mixes, applied at the same
 * time (two consumers of a queue, or two replicas), could each hold rows of their first handler and wait for the
 * other's in their second, a deadlock PostgreSQL breaks only after {@code deadlock_timeout}. Locked here first, the
 * rows are already held when the handlers lock them again.
 */
@FunctionalInterface
public interface BatchLock {

    /** Locks, in a fixed order, every hot row that any of {@code messages} (all claimed, of several types) touches. */
    Uni<Void> lock(SqlConnection transaction, List<Received<?>> messages);
}

package dev.bazaar.infra.inbox;

import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Locks the hot rows of a whole batch before its handlers run, in one round trip and a fixed order, when the batch
 * holds messages of more than one type. Each {@link BatchHandler} locks the rows of its own messages in a fixed
 * order, but a batch of two types runs two handlers, which lock twice: two batches of such mixes, applied at the same
 * time (two consumers of a queue, or two replicas), could each hold rows of their first handler and wait for the
 * other's in their second, a deadlock PostgreSQL breaks only after {@code deadlock_timeout}. Locked here first, the
 * rows are already held when the handlers lock them again.
 * <p>
 * What to lock comes from the routes: on a queue with a batch lock every route declares, next to its handler, the
 * {@link LockKeys} of its messages ({@link MessageRoutes.Builder#lockFirst}), so a message type added to the queue
 * cannot be left out of the lock.
 *
 * @param <K> what names one row to lock (an order's id, a customer's id, ...)
 */
@FunctionalInterface
public interface BatchLock<K> {

    /** Locks, in a fixed order, every row that {@code keys} name: those of all the messages of a batch. */
    Uni<Void> lock(SqlConnection transaction, Set<K> keys);
}

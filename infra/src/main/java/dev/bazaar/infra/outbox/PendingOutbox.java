package dev.bazaar.infra.outbox;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The outbox rows written by the transaction running on the current Vert.x (duplicated) context, so that the code
 * that commits it can publish them at once. Absent outside {@link PublishAfterCommit}: such rows wait for the relay.
 */
final class PendingOutbox {

    private static final String KEY = PendingOutbox.class.getName();

    private PendingOutbox() {
    }

    /** Starts collecting on the current context; null when a caller further out already collects (or no context). */
    static List<OutboxRow> open() {
        Context context = Vertx.currentContext();
        if (context == null || context.getLocal(KEY) != null) {
            return null;
        }
        List<OutboxRow> rows = new ArrayList<>();
        context.putLocal(KEY, rows);
        return rows;
    }

    static void close(Context context) {
        if (context != null) {
            context.removeLocal(KEY);
        }
    }

    static void written(OutboxRow row) {
        Context context = Vertx.currentContext();
        List<OutboxRow> rows = context == null ? null : context.getLocal(KEY);
        if (rows != null) {
            rows.add(row);
        }
    }
}

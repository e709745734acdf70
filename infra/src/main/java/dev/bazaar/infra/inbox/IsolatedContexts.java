package dev.bazaar.infra.inbox;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;

/**
 * A fresh duplicated Vert.x context flagged safe, as Quarkus makes one per HTTP request: the reactive session and the
 * pending outbox rows live in its local data, so each batch (and each message split off a batch) has its own.
 */
final class IsolatedContexts {

    private IsolatedContexts() {
    }

    static Context fresh(Context parent) {
        Context context = VertxContext.createNewDuplicatedContext(parent);
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }
}

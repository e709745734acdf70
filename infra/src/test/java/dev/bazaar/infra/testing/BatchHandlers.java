package dev.bazaar.infra.testing;

import java.util.List;

import dev.bazaar.events.Envelope;
import dev.bazaar.infra.inbox.BatchHandler;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs a service's plain-SQL batch handler on one message in a transaction of its own, as infra's consumer would
 * (its outbox rows written in that transaction and published after the commit), without the broker: for tests that
 * race handlers against each other on separate connections.
 */
public final class BatchHandlers {

    private BatchHandlers() {
    }

    public static <P> Uni<Void> applyAlone(BatchHandler<P> handler, P payload, Envelope envelope) {
        Pool pool = Arc.container().instance(Pool.class).get();
        OutboxBatch outbox = Arc.container().instance(Outbox.class).get().batch();
        PublishAfterCommit publisher = Arc.container().instance(PublishAfterCommit.class).get();
        return pool.withTransaction(transaction -> handler.handle(transaction, List.of(new Received<>(payload,
                        envelope)), outbox).chain(() -> Uni.join().all(outbox.lastWrites(transaction)).andFailFast()))
                .chain(() -> publisher.publish(outbox));
    }
}

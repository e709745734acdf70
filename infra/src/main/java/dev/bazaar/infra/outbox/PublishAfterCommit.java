package dev.bazaar.infra.outbox;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a transaction and publishes the outbox rows it committed right after the commit: pipelined on the publisher's
 * confirm channel, one confirm wait for all of them; the confirmed rows are deleted by {@link ConfirmedRows}, many
 * publishes at a time. Nothing is published for a transaction that failed. If the publish fails (broker down, no confirm in time, the process dies),
 * the rows stay and {@link OutboxRelay} publishes them once they are older than its recovery age, so the happy path
 * of several replicas publishes nothing twice and a failure costs at most a redelivery, which the inbox absorbs.
 * <p>
 * Every {@code @WithTransaction} method runs through it ({@link PublishAfterCommitInterceptor}); the batch consumer
 * calls it for each batch. Nested calls join the outermost one, which publishes after the real commit.
 */
@ApplicationScoped
public class PublishAfterCommit {

    private final OutboxPublisher publisher;
    private final ConfirmedRows confirmedRows;

    PublishAfterCommit(OutboxPublisher publisher, ConfirmedRows confirmedRows) {
        this.publisher = publisher;
        this.confirmedRows = confirmedRows;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> transaction) {
        return Uni.createFrom().deferred(() -> {
            List<OutboxRow> written = PendingOutbox.open();
            if (written == null) {
                return transaction.get();
            }
            Context context = Vertx.currentContext();
            return transaction.get()
                    .onTermination().invoke(() -> PendingOutbox.close(context))
                    .call(() -> written.isEmpty() ? Uni.createFrom().voidItem() : publish(List.copyOf(written)));
        });
    }

    /**
     * Publishes the rows of a batch whose transaction just committed (plain-SQL handlers), after running its
     * after-commit actions.
     */
    public Uni<Void> publish(OutboxBatch committed) {
        committed.committed();
        return committed.isEmpty() ? Uni.createFrom().voidItem() : publish(committed.rows());
    }

    /**
     * Starts publishing the rows of a batch whose transaction just committed and returns at once: a consumer goes on
     * with its next batch while the broker confirms (the rows are committed, so nothing waits on the confirm but the
     * delete). The publisher sends in the order it is called, so an instance still publishes in commit order. The
     * batch's after-commit actions run first, on the caller's thread.
     */
    public void publishInBackground(OutboxBatch committed) {
        committed.committed();
        if (!committed.isEmpty()) {
            publish(committed.rows()).subscribe().with(ignored -> { }, failure -> { });
        }
    }

    private Uni<Void> publish(List<OutboxRow> rows) {
        return publisher.publish(rows)
                .invoke(confirmed -> confirmedRows.add(rows.subList(0, confirmed)))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Publishing %d committed outbox message(s) (first %s, correlation %s) failed; the relay "
                            + "publishes them: %s", rows.size(), rows.get(0).id(), rows.get(0).correlationId(),
                            failure.toString());
                    return null;
                });
    }
}

package dev.bazaar.infra.inbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One transaction for a batch of per-message Panache handlers: one statement claims the inbox rows of the whole
 * batch, then the handler of each claimed message runs in delivery order, each with an empty persistence context;
 * the outbox rows they wrote are published after the commit.
 */
@ApplicationScoped
class PanacheBatch {

    private final MessageCodec codec;
    private final InboxGuard inbox;
    private final PublishAfterCommit publishAfterCommit;

    PanacheBatch(MessageCodec codec, InboxGuard inbox, PublishAfterCommit publishAfterCommit) {
        this.codec = codec;
        this.inbox = inbox;
        this.publishAfterCommit = publishAfterCommit;
    }

    /** Completes after the commit, with the number of deliveries the inbox dropped as duplicates. */
    Uni<Integer> apply(MessageRoutes routes, List<DecodedMessage> batch) {
        return publishAfterCommit.run(() -> Panache.withTransaction(() -> inbox.claimAll(routes.inbox(),
                        DecodedMessage.distinctEnvelopes(batch))
                .map(fresh -> DecodedMessage.claimed(routes, batch, fresh))
                .chain(claimed -> applyEach(claimed).replaceWith(batch.size() - claimed.size()))));
    }

    private Uni<Void> applyEach(List<DecodedMessage> claimed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < claimed.size(); i++) {
            DecodedMessage message = claimed.get(i);
            boolean clear = i > 0;
            chain = chain.chain(() -> {
                // each handler starts with an empty persistence context, as it would in a transaction of its own
                Uni<Void> ready = clear
                        ? Panache.getSession().chain(session -> session.flush().invoke(session::clear))
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem();
                // a failure while flushing the previous handler's changes fails the batch as a whole, not this message
                return ready.chain(() -> Uni.createFrom().deferred(() -> message.route().apply(codec,
                                message.envelope()))
                        .onFailure().transform(cause -> new HandlerFailed(message, cause)));
            });
        }
        return chain;
    }
}

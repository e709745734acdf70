package dev.bazaar.infra.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
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

    Uni<Void> apply(MessageRoutes routes, List<DecodedMessage> batch) {
        List<Envelope> distinct = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        for (DecodedMessage message : batch) {
            if (ids.add(message.envelope().id())) {
                distinct.add(message.envelope());
            }
        }
        return publishAfterCommit.run(() -> Panache.withTransaction(() -> inbox.claimAll(routes.inbox(), distinct)
                .chain(fresh -> applyEach(routes, batch, fresh))));
    }

    private Uni<Void> applyEach(MessageRoutes routes, List<DecodedMessage> batch, Set<UUID> fresh) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        boolean first = true;
        for (DecodedMessage message : batch) {
            boolean clear = !first;
            first = false;
            chain = chain.chain(() -> {
                if (!fresh.remove(message.envelope().id())) {
                    Log.debugf("Duplicate %s %s on %s acknowledged without effect", message.envelope().type(),
                            message.envelope().id(), routes.queue());
                    return Uni.createFrom().voidItem();
                }
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

package dev.bazaar.infra.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records a message as processed in the current transaction. Committed together with the effect, the row makes every
 * later copy of the message (redelivery, duplicate publish, replay) a no-op; rolled back with it, it lets a retry run.
 */
@ApplicationScoped
class InboxGuard {

    private static final String CLAIM = "insert into inbox_message (consumer, message_id, message_type) "
            + "values (:consumer, :id, :type) on conflict do nothing";

    /** True when this is the first time {@code consumer} sees the message. */
    Uni<Boolean> claim(String consumer, Envelope envelope) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("consumer", consumer)
                        .setParameter("id", envelope.id())
                        .setParameter("type", envelope.type())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}

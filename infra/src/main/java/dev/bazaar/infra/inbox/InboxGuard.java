package dev.bazaar.infra.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records the messages of a Panache batch as processed in the current transaction ({@link SqlBatch} does the same for
 * plain-SQL batches). Committed together with the effect, the row makes every
 * later copy of the message (redelivery, duplicate publish, replay) a no-op; rolled back with it, it lets a retry run.
 */
@ApplicationScoped
class InboxGuard {

    /**
     * Claims a whole batch with one statement; returns the ids seen here for the first time. {@code envelopes} must
     * have distinct ids.
     */
    Uni<Set<UUID>> claimAll(String consumer, List<Envelope> envelopes) {
        StringBuilder sql = new StringBuilder("insert into inbox_message (consumer, message_id, message_type) values ");
        for (int i = 0; i < envelopes.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:consumer, :id").append(i).append(", :type").append(i).append(')');
        }
        sql.append(" on conflict do nothing returning cast(message_id as text)");
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql.toString(), String.class)
                            .setParameter("consumer", consumer);
                    for (int i = 0; i < envelopes.size(); i++) {
                        query.setParameter("id" + i, envelopes.get(i).id())
                                .setParameter("type" + i, envelopes.get(i).type());
                    }
                    return query.getResultList();
                })
                .map(ids -> {
                    Set<UUID> fresh = new HashSet<>();
                    ids.forEach(id -> fresh.add(UUID.fromString(id)));
                    return fresh;
                });
    }
}

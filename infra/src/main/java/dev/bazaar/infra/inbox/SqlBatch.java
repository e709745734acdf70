package dev.bazaar.infra.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import dev.bazaar.infra.persistence.SqlTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One transaction for a batch of plain-SQL handlers, on the reactive pool with no ORM session: one statement claims
 * the inbox rows (sent behind the {@code BEGIN}, with the queue's {@link BatchLock} behind it when the batch holds
 * messages of several types), each handler gets all claimed messages of its type at once, and its
 * final writes ({@link OutboxBatch#writeWithCommit}), one statement writing every outbox row and the {@code COMMIT}
 * go out together in the last round trip; the rows are published right after the commit. Messages of different orders
 * are independent, so when every claimed message belongs to a different saga (correlation id) they are grouped by
 * type; otherwise consecutive messages of one type form a group, which keeps each saga's messages in delivery order.
 */
@ApplicationScoped
class SqlBatch {

    private static final String CLAIM = "insert into inbox_message (consumer, message_id, message_type) "
            + "select $1, claimed.id, claimed.type from unnest($2::uuid[], $3::text[]) as claimed(id, type) "
            + "on conflict do nothing returning message_id";

    private final SqlTransactions transactions;
    private final MessageCodec codec;
    private final Outbox outbox;
    private final PublishAfterCommit publishAfterCommit;

    SqlBatch(SqlTransactions transactions, MessageCodec codec, Outbox outbox, PublishAfterCommit publishAfterCommit) {
        this.transactions = transactions;
        this.codec = codec;
        this.outbox = outbox;
        this.publishAfterCommit = publishAfterCommit;
    }

    /** Completes after the commit, with the number of deliveries the inbox dropped as duplicates. */
    Uni<Integer> apply(MessageRoutes routes, List<DecodedMessage> batch) {
        OutboxBatch written = outbox.batch();
        // each payload mapped once, when the batch lock or its handler first needs it, inside the transaction's
        // chain: one that fails to map fails the batch (split, as any failure) or its own group, never apply() itself
        Map<DecodedMessage, Received<?>> received = new IdentityHashMap<>();
        return transactions.inTransaction(transaction -> {
                    SqlConnection connection = transaction.connection();
                    // the batch lock, where one is due, is sent right behind the claim: no round trip of its own
                    return Uni.combine().all().unis(claim(connection, routes.inbox(), batch),
                                    lock(connection, routes, batch, received))
                            .with((fresh, locked) -> DecodedMessage.claimed(routes, batch, fresh))
                            .chain(claimed -> applyGroups(connection, groups(claimed), received, written)
                                    .chain(() -> transaction.commitWith(written.lastWrites(connection)))
                                    .replaceWith(batch.size() - claimed.size()));
                })
                .invoke(() -> publishAfterCommit.publishInBackground(written));
    }

    /**
     * The queue's {@link BatchLock} over every message of a batch that holds more than one type (copies the inbox
     * then drops only cost their rows an unneeded lock); nothing for a batch of one type, whose one handler locks its
     * rows once.
     */
    private Uni<Void> lock(SqlConnection transaction, MessageRoutes routes, List<DecodedMessage> batch,
            Map<DecodedMessage, Received<?>> received) {
        if (!routes.locksFirst() || batch.stream().map(DecodedMessage::route).distinct().count() < 2) {
            return Uni.createFrom().voidItem();
        }
        return routes.lock(transaction, batch, DecodedMessage::route, message -> received(received, message).payload());
    }

    private Received<?> received(Map<DecodedMessage, Received<?>> received, DecodedMessage message) {
        return received.computeIfAbsent(message, ignored -> message.route().received(codec, message.envelope()));
    }

    private Uni<Set<UUID>> claim(SqlConnection transaction, String consumer, List<DecodedMessage> batch) {
        // in id order: two transactions claiming the same redelivered messages wait on one another, never in a cycle
        List<Envelope> distinct = new ArrayList<>(DecodedMessage.distinctEnvelopes(batch));
        distinct.sort(java.util.Comparator.comparing(Envelope::id));
        return transaction.preparedQuery(CLAIM)
                .execute(Tuple.of(consumer)
                        .addArrayOfUUID(distinct.stream().map(Envelope::id).toArray(UUID[]::new))
                        .addArrayOfString(distinct.stream().map(Envelope::type).toArray(String[]::new)))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getUUID(0));
                    }
                    return fresh;
                });
    }

    private static List<List<DecodedMessage>> groups(List<DecodedMessage> claimed) {
        Set<String> sagas = new HashSet<>();
        boolean independent = claimed.stream().allMatch(message -> sagas.add(message.envelope().correlationId()));
        List<List<DecodedMessage>> groups = new ArrayList<>();
        if (independent) {
            Map<String, List<DecodedMessage>> byType = new LinkedHashMap<>();
            claimed.forEach(message -> byType.computeIfAbsent(message.route().type().schemaId(),
                    ignored -> new ArrayList<>()).add(message));
            groups.addAll(byType.values());
        } else {
            for (DecodedMessage message : claimed) {
                List<DecodedMessage> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && last.get(0).route() == message.route()) {
                    last.add(message);
                } else {
                    groups.add(new ArrayList<>(List.of(message)));
                }
            }
        }
        return groups;
    }

    /**
     * Runs the groups' handlers one after the other. A handler's final writes ({@link OutboxBatch#writeWithCommit})
     * are sent before the next group's handler starts, so it reads what they wrote; the last group's go with the
     * {@code COMMIT}. A batch of several types had the queue's {@link BatchLock} lock the rows of them all first.
     */
    private Uni<Void> applyGroups(SqlConnection transaction, List<List<DecodedMessage>> groups,
            Map<DecodedMessage, Received<?>> received, OutboxBatch written) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < groups.size(); i++) {
            List<DecodedMessage> group = groups.get(i);
            boolean last = i == groups.size() - 1;
            chain = chain.chain(() -> Uni.createFrom().deferred(() -> applyGroup(transaction, group, received,
                            written))
                    .chain(() -> last ? Uni.createFrom().voidItem() : sendWrites(written.takeWrites()))
                    .onFailure().transform(cause -> group.size() == 1 ? new HandlerFailed(group.get(0), cause)
                            : cause));
        }
        return chain;
    }

    private static Uni<Void> sendWrites(List<Uni<Void>> writes) {
        return writes.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Uni<Void> applyGroup(SqlConnection transaction, List<DecodedMessage> group,
            Map<DecodedMessage, Received<?>> received, OutboxBatch written) {
        List<Received<?>> messages = new ArrayList<>(group.size());
        group.forEach(message -> messages.add(received(received, message)));
        return group.get(0).route().batchHandler().handle(transaction, (List) messages, written);
    }
}

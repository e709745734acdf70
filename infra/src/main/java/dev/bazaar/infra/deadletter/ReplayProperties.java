package dev.bazaar.infra.deadletter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.rabbitmq.client.AMQP;

import dev.bazaar.infra.inbox.DeadLetters;

/**
 * The properties a dead letter is published with again: the original ones (message id, type, correlation id,
 * content type, trace headers), persistent, without the headers that described its dead-lettering. A replay keeps
 * its history in {@code x-bazaar-replayed-*}, so a message that fails again shows that it was replayed before.
 */
final class ReplayProperties {

    static final String REPLAYED_AT = "x-bazaar-replayed-at";
    static final String REPLAYED_REASON = "x-bazaar-replayed-reason";
    static final String REPLAY_COUNT = "x-bazaar-replay-count";
    private static final int PERSISTENT = 2;
    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(DeadLetters.REASON, DeadLetters.QUEUE,
            DeadLetters.AT, DeadLetters.ATTEMPTS, "x-death", ParkedMessage.DELIVERY_COUNT, "x-acquired-count");

    private ReplayProperties() {
    }

    /** For the consumer's queue: dead-letter headers moved to {@code x-bazaar-replayed-*}. */
    static AMQP.BasicProperties replay(AMQP.BasicProperties original, String reason) {
        Map<String, Object> headers = headers(original);
        long replays = previousReplays(headers.get(REPLAY_COUNT));
        headers.keySet().removeIf(ReplayProperties::describesDeadLettering);
        headers.put(REPLAYED_AT, Instant.now().toString());
        headers.put(REPLAYED_REASON, reason);
        headers.put(REPLAY_COUNT, replays + 1);
        return copy(original, headers);
    }

    /** For the dead-letter queue itself: the same dead letter with its delivery count reset. */
    static AMQP.BasicProperties refresh(AMQP.BasicProperties original) {
        Map<String, Object> headers = headers(original);
        headers.remove(ParkedMessage.DELIVERY_COUNT);
        headers.remove("x-acquired-count");
        return copy(original, headers);
    }

    private static boolean describesDeadLettering(String header) {
        return DEAD_LETTER_HEADERS.contains(header) || header.startsWith("x-first-death-")
                || header.startsWith("x-last-death-");
    }

    private static Map<String, Object> headers(AMQP.BasicProperties original) {
        return original.getHeaders() == null ? new HashMap<>() : new HashMap<>(original.getHeaders());
    }

    private static AMQP.BasicProperties copy(AMQP.BasicProperties original, Map<String, Object> headers) {
        // user-id is checked against the publishing user by the broker, so it cannot be carried over
        return original.builder().headers(headers).deliveryMode(PERSISTENT).userId(null).build();
    }

    private static long previousReplays(Object header) {
        if (header instanceof Number number) {
            return number.longValue();
        }
        try {
            return header == null ? 0 : Long.parseLong(header.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

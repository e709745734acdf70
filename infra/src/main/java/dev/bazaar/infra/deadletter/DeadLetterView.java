package dev.bazaar.infra.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One dead-lettered message: all its copies in the dead-letter queue under one message id. {@code count} is how
 * often it was dead-lettered (copies, or the broker's x-death count); {@code reason} is the latest one.
 */
public record DeadLetterView(String messageId, String type, String correlationId, String reason, Instant firstSeen,
        long count, Integer attempts, String payloadExcerpt) {

    static List<DeadLetterView> of(List<ParkedMessage> copies) {
        Map<String, List<ParkedMessage>> byId = new LinkedHashMap<>();
        copies.forEach(copy -> byId.computeIfAbsent(copy.messageId(), id -> new ArrayList<>()).add(copy));
        return byId.values().stream().map(DeadLetterView::merge).toList();
    }

    private static DeadLetterView merge(List<ParkedMessage> copies) {
        ParkedMessage first = copies.get(0);
        ParkedMessage latest = copies.stream().filter(copy -> copy.deadLetteredAt() != null)
                .max(Comparator.comparing(ParkedMessage::deadLetteredAt)).orElse(copies.get(copies.size() - 1));
        Instant firstSeen = copies.stream().map(ParkedMessage::deadLetteredAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        Integer attempts = copies.stream().map(ParkedMessage::attempts).filter(Objects::nonNull)
                .max(Integer::compareTo).orElse(null);
        long count = copies.stream().mapToLong(ParkedMessage::deadLetterings).sum();
        return new DeadLetterView(first.messageId(), first.type(), first.correlationId(), latest.reason(), firstSeen,
                count, attempts, first.payloadExcerpt());
    }
}

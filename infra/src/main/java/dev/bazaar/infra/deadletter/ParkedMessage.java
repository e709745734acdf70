package dev.bazaar.infra.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;

import dev.bazaar.infra.inbox.DeadLetters;

/**
 * One copy of a message in a dead-letter queue, as an operator needs to see it. Copies parked by infra carry the
 * {@code x-bazaar-dead-letter-*} headers; copies the broker dead-lettered itself (delivery limit, or a reject after
 * infra could not publish to the DLQ) carry {@code x-death} instead. A message without an AMQP message id is named
 * by its envelope id, or, if the body is not even JSON, by a hash of the body, so every copy can be addressed.
 */
record ParkedMessage(String messageId, String type, String correlationId, String reason, Instant deadLetteredAt,
        long deadLetterings, Integer attempts, long deliveries, String payloadExcerpt) {

    static final String DELIVERY_COUNT = "x-delivery-count";
    private static final ObjectMapper JSON = new ObjectMapper();

    static ParkedMessage of(AMQP.BasicProperties properties, byte[] body, int excerptLength) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        JsonNode envelope = envelope(body);
        List<Map<String, Object>> deaths = deaths(headers.get("x-death"));
        String reason = text(headers.get(DeadLetters.REASON)).orElseGet(() -> brokerReason(deaths, headers));
        Instant at = text(headers.get(DeadLetters.AT)).flatMap(ParkedMessage::instant)
                .or(() -> deaths.stream().map(death -> death.get("time")).filter(Date.class::isInstance)
                        .map(time -> ((Date) time).toInstant()).min(Instant::compareTo))
                .orElse(null);
        long deadLetterings = Math.max(1, deaths.stream().map(death -> number(death.get("count")))
                .filter(Objects::nonNull).mapToLong(Long::longValue).sum());
        Long attempts = number(headers.get(DeadLetters.ATTEMPTS));
        Long deliveries = number(headers.get(DELIVERY_COUNT));
        return new ParkedMessage(
                Optional.ofNullable(properties.getMessageId()).or(() -> field(envelope, "id"))
                        .orElseGet(() -> bodyId(body)),
                Optional.ofNullable(properties.getType()).or(() -> field(envelope, "type")).orElse(null),
                Optional.ofNullable(properties.getCorrelationId()).or(() -> field(envelope, "correlationId"))
                        .orElse(null),
                reason, at, deadLetterings, attempts == null ? null : attempts.intValue(),
                deliveries == null ? 0 : deliveries, excerpt(body, excerptLength));
    }

    private static String brokerReason(List<Map<String, Object>> deaths, Map<String, Object> headers) {
        // x-death is ordered most recent first
        Optional<String> why = deaths.isEmpty() ? text(headers.get("x-first-death-reason"))
                : text(deaths.get(0).get("reason"));
        Optional<String> queue = deaths.isEmpty() ? text(headers.get("x-first-death-queue"))
                : text(deaths.get(0).get("queue"));
        return why.map(code -> "dead-lettered by the broker: " + switch (code) {
            case "delivery_limit" -> "redelivered more often than the queue's delivery limit";
            case "rejected" -> "rejected by the consumer";
            case "expired" -> "expired";
            case "maxlen" -> "queue length limit exceeded";
            default -> code;
        } + queue.map(name -> " (" + name + ")").orElse("")).orElse("unknown");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deaths(Object header) {
        if (!(header instanceof List<?> entries)) {
            return List.of();
        }
        return entries.stream().filter(Map.class::isInstance).map(entry -> (Map<String, Object>) entry).toList();
    }

    private static JsonNode envelope(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static Optional<String> field(JsonNode envelope, String name) {
        return envelope != null && envelope.path(name).isTextual() ? Optional.of(envelope.get(name).asText())
                : Optional.empty();
    }

    private static String bodyId(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String excerpt(byte[] body, int length) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end) + "…";
    }

    private static Optional<String> text(Object value) {
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /** Headers copied by infra arrive as strings, those set by the broker as numbers. */
    private static Long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value == null ? null : Long.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

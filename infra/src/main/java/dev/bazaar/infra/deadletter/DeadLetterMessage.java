package dev.bazaar.infra.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.rabbitmq.client.AMQP;

/**
 * One dead letter opened for an operator: its AMQP properties, every header (the broker's {@code x-death} included,
 * as nested lists and maps; times as ISO instants) and the whole body as text.
 */
public record DeadLetterMessage(String queue, String deadLetterQueue, String messageId, String type,
        String correlationId, String reason, Instant deadLetteredAt, String contentType, Map<String, Object> headers,
        String body) {

    static DeadLetterMessage of(IncomingQueue queue, ParkedMessage parked, AMQP.BasicProperties properties,
            byte[] body) {
        Map<String, Object> headers = new TreeMap<>();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> headers.put(name, readable(value)));
        }
        return new DeadLetterMessage(queue.queue(), queue.deadLetterQueue(), parked.messageId(), parked.type(),
                parked.correlationId(), parked.reason(), parked.deadLetteredAt(), properties.getContentType(),
                headers, new String(body, StandardCharsets.UTF_8));
    }

    /** AMQP field values as JSON can show them: long strings as text, timestamps as instants, tables as maps. */
    private static Object readable(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(readable(item)));
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> table = new TreeMap<>();
            map.forEach((key, item) -> table.put(String.valueOf(key), readable(item)));
            return table;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}

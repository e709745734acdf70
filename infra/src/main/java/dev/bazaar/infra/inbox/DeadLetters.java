package dev.bazaar.infra.inbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.rabbitmq.client.AMQP;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Parks a message in {@code <queue>.dlq} with the reason in its headers, so an operator sees why without digging
 * through logs. The original body, id, type and headers are kept, so a replay is the same message again.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "x-bazaar-dead-letter-reason";
    public static final String QUEUE = "x-bazaar-dead-letter-queue";
    public static final String AT = "x-bazaar-dead-lettered-at";
    public static final String ATTEMPTS = "x-bazaar-attempts";
    private static final int PERSISTENT = 2;
    private static final int MAX_REASON_LENGTH = 1000;

    private final MutinyEmitter<byte[]> emitter;

    DeadLetters(@Channel("bazaar-dead-letters") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    Uni<Void> park(String queue, byte[] body, AMQP.BasicProperties original, String reason, int attempts) {
        Map<String, Object> headers = new HashMap<>();
        if (original != null && original.getHeaders() != null) {
            original.getHeaders().forEach((key, value) -> headers.put(key, value == null ? null : value.toString()));
        }
        headers.put(REASON, reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason);
        headers.put(QUEUE, queue);
        headers.put(AT, Instant.now().toString());
        headers.put(ATTEMPTS, attempts);
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withDeliveryMode(PERSISTENT)
                .withHeaders(headers);
        if (original != null) {
            if (original.getMessageId() != null) {
                metadata.withMessageId(original.getMessageId());
            }
            if (original.getType() != null) {
                metadata.withType(original.getType());
            }
            if (original.getContentType() != null) {
                metadata.withContentType(original.getContentType());
            }
            if (original.getCorrelationId() != null) {
                metadata.withCorrelationId(original.getCorrelationId());
            }
        }
        return emitter.sendMessage(Message.of(body, Metadata.of(metadata.build())));
    }
}

package dev.bazaar.infra.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.bazaar.infra.messaging.ServiceIdentity;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/** Publishes outbox rows to the service's exchange and reports how many were confirmed by the broker. */
@ApplicationScoped
class OutboxPublisher {

    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final ServiceIdentity service;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;

    OutboxPublisher(@Channel("bazaar-outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> emitter, ServiceIdentity service, OutboxConfig config, OutboxMetrics metrics) {
        this.emitter = emitter;
        this.service = service;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Sends all rows at once (one channel keeps their order) and returns the length of the confirmed prefix: rows
     * after the first unconfirmed one stay pending and are sent again, so a retry never overtakes an older message.
     */
    Uni<Integer> publish(List<OutboxRow> rows) {
        List<Uni<Boolean>> sends = rows.stream().map(this::send).toList();
        return Uni.join().all(sends).andCollectFailures().map(OutboxPublisher::confirmedPrefix);
    }

    private Uni<Boolean> send(OutboxRow row) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(row.routingKey())
                .withMessageId(row.id().toString())
                .withType(row.type())
                .withCorrelationId(row.correlationId())
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withAppId(service.name())
                .withTimestamp(ZonedDateTime.now())
                .build();
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        Message<byte[]> message = Message.of(body, Metadata.of(metadata));
        return emitter.sendMessage(message)
                .ifNoItem().after(config.publishTimeout()).fail()
                .invoke(() -> metrics.confirmed(row, body.length, Instant.now()))
                .replaceWith(Boolean.TRUE)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Outbox message %s (%s, correlation %s) not confirmed: %s", row.id(), row.type(),
                            row.correlationId(), failure.toString());
                    return Boolean.FALSE;
                });
    }

    private static int confirmedPrefix(List<Boolean> confirmed) {
        int prefix = 0;
        while (prefix < confirmed.size() && confirmed.get(prefix)) {
            prefix++;
        }
        return prefix;
    }
}

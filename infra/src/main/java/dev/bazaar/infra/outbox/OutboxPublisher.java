package dev.bazaar.infra.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import dev.bazaar.infra.deadletter.BrokerConnection;
import dev.bazaar.infra.messaging.ServiceIdentity;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes a batch of outbox rows to the service's topic exchange on one confirm-mode channel of a plain AMQP
 * connection: every row in order, then one wait for the broker's confirms of all of them. Any failure (broker gone,
 * a nack, no confirm within the publish timeout) closes the channel and reports the whole batch unconfirmed; the next
 * relay run opens a fresh channel (and connection) and publishes the rows again, which the consumers' inbox makes
 * harmless. A channel of the messaging connector was used before: a send in flight when the broker went away never
 * completed, and its publisher then queued every later send behind it, for good.
 */
@ApplicationScoped
class OutboxPublisher {

    private static final int PERSISTENT = 2;

    private final BrokerConnection broker;
    private final ServiceIdentity service;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private Channel channel;

    OutboxPublisher(BrokerConnection broker, ServiceIdentity service, OutboxConfig config, OutboxMetrics metrics) {
        this.broker = broker;
        this.service = service;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Publishes all rows (blocking work on a worker thread, the result back on the caller's context) and returns how
     * many of them, from the first, the broker confirmed: all or none.
     */
    Uni<Integer> publish(List<OutboxRow> rows) {
        Context caller = Vertx.currentContext();
        Uni<Integer> published = Uni.createFrom().item(() -> publishAndConfirm(rows))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? published : published.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private synchronized int publishAndConfirm(List<OutboxRow> rows) {
        try {
            Channel open = channel();
            byte[][] bodies = new byte[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                bodies[i] = row.body().getBytes(StandardCharsets.UTF_8);
                open.basicPublish(service.exchange(), row.routingKey(), false, properties(row), bodies[i]);
            }
            open.waitForConfirmsOrDie(config.publishTimeout().toMillis());
            Instant confirmedAt = Instant.now();
            for (int i = 0; i < rows.size(); i++) {
                metrics.confirmed(rows.get(i), bodies[i].length, confirmedAt);
            }
            return rows.size();
        } catch (IOException | TimeoutException | RuntimeException e) {
            Log.warnf("Outbox batch of %d message(s) from %s (correlation %s) not confirmed, published again later: %s",
                    rows.size(), rows.get(0).id(), rows.get(0).correlationId(), e.toString());
            closeChannel();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeChannel();
            return 0;
        }
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel fresh = broker.openChannel();
            fresh.confirmSelect();
            // idempotent; the same declaration as the topology everywhere else (durable topic exchange)
            fresh.exchangeDeclare(service.exchange(), "topic", true);
            channel = fresh;
        }
        return channel;
    }

    private AMQP.BasicProperties properties(OutboxRow row) {
        return new AMQP.BasicProperties.Builder()
                .messageId(row.id().toString())
                .type(row.type())
                .correlationId(row.correlationId())
                .contentType("application/json")
                .deliveryMode(PERSISTENT)
                .appId(service.name())
                .timestamp(new Date())
                .build();
    }

    @PreDestroy
    synchronized void closeChannel() {
        if (channel != null) {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                // closing a broken channel: nothing left to do
            }
            channel = null;
        }
    }
}

package dev.bazaar.infra.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;

import dev.bazaar.infra.deadletter.BrokerConnection;
import dev.bazaar.infra.messaging.ServiceIdentity;
import dev.bazaar.infra.tracing.MessageTracing;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes outbox rows to the service's topic exchange on one confirm-mode channel of a plain AMQP connection,
 * pipelined: callers publish their batches back to back and each batch completes when the broker has confirmed all
 * of its messages (confirms arrive asynchronously, often several at once with {@code multiple}). A nack, a closed
 * channel or no confirm within the publish timeout fails the batch; its rows stay in the outbox for the relay, and a
 * channel that failed is replaced by a fresh one (and connection) at the next publish. Re-publishing is harmless: the
 * consumers' inbox drops the copy.
 */
@ApplicationScoped
class OutboxPublisher {

    private static final int PERSISTENT = 2;

    private final BrokerConnection broker;
    private final ServiceIdentity service;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    /** One thread sends, in the order publish() was called (commit order), without blocking an event loop. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bazaar-outbox-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private Channel channel;
    private ConcurrentNavigableMap<Long, Batch> unconfirmed = new ConcurrentSkipListMap<>();

    OutboxPublisher(BrokerConnection broker, ServiceIdentity service, OutboxConfig config, OutboxMetrics metrics) {
        this.broker = broker;
        this.service = service;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Publishes all rows (the socket writes on the sender thread, in call order; the result back on the caller's
     * context) and returns how many of them the broker confirmed: all or none.
     */
    Uni<Integer> publish(List<OutboxRow> rows) {
        Context caller = Vertx.currentContext();
        Uni<Integer> published = Uni.createFrom().item(() -> send(rows))
                .runSubscriptionOn(sender)
                .chain(batch -> Uni.createFrom().completionStage(batch)
                        .ifNoItem().after(config.publishTimeout()).fail())
                .replaceWith(rows.size())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Outbox batch of %d message(s) from %s (correlation %s) not confirmed, published again "
                            + "later: %s", rows.size(), rows.get(0).id(), rows.get(0).correlationId(),
                            failure.toString());
                    // no confirm in time: the channel may be wedged; a nack or a closed channel needs no such care
                    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
                        closeChannel();
                    }
                    return 0;
                });
        return caller == null ? published : published.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private synchronized CompletableFuture<Void> send(List<OutboxRow> rows) {
        Batch batch = new Batch(rows);
        try {
            Channel open = channel();
            for (OutboxRow row : rows) {
                byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
                batch.sizes[batch.sent] = body.length;
                unconfirmed.put(open.getNextPublishSeqNo(), batch);
                batch.sent++;
                open.basicPublish(service.exchange(), row.routingKey(), false, properties(row), body);
            }
        } catch (IOException | RuntimeException e) {
            batch.future.completeExceptionally(e);
            closeChannel();
        }
        return batch.future;
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel fresh = broker.openChannel();
            fresh.confirmSelect();
            // idempotent; the same declaration as the topology everywhere else (durable topic exchange)
            fresh.exchangeDeclare(service.exchange(), "topic", true);
            ConcurrentNavigableMap<Long, Batch> pending = new ConcurrentSkipListMap<>();
            fresh.addConfirmListener(new Confirms(pending));
            fresh.addShutdownListener(cause -> failAll(pending, cause));
            unconfirmed = pending;
            channel = fresh;
        }
        return channel;
    }

    private AMQP.BasicProperties properties(OutboxRow row) {
        return new AMQP.BasicProperties.Builder()
                .headers(row.traceparent() == null ? null : Map.of(MessageTracing.TRACEPARENT, row.traceparent()))
                .messageId(row.id().toString())
                .type(row.type())
                .correlationId(row.correlationId())
                .contentType("application/json")
                .deliveryMode(PERSISTENT)
                .appId(service.name())
                .timestamp(new Date())
                .build();
    }

    private static void failAll(ConcurrentNavigableMap<Long, Batch> pending, Throwable cause) {
        for (Map.Entry<Long, Batch> entry : pending.entrySet()) {
            entry.getValue().future.completeExceptionally(cause);
        }
        pending.clear();
    }

    @PreDestroy
    void shutdown() {
        sender.shutdown();
        closeChannel();
    }

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

    /** The rows of one publish call, complete when the last of them is confirmed. */
    private final class Batch {

        final List<OutboxRow> rows;
        final int[] sizes;
        final AtomicInteger confirmed = new AtomicInteger();
        final CompletableFuture<Void> future = new CompletableFuture<>();
        int sent;

        Batch(List<OutboxRow> rows) {
            this.rows = rows;
            this.sizes = new int[rows.size()];
        }

        void confirmedOne() {
            if (confirmed.incrementAndGet() == rows.size()) {
                Instant at = Instant.now();
                for (int i = 0; i < rows.size(); i++) {
                    metrics.confirmed(rows.get(i), sizes[i], at);
                }
                metrics.batchConfirmed();
                future.complete(null);
            }
        }
    }

    /** Settles the batches whose messages the broker confirmed (ack) or refused (nack). */
    private static final class Confirms implements ConfirmListener {

        private final ConcurrentNavigableMap<Long, Batch> pending;

        Confirms(ConcurrentNavigableMap<Long, Batch> pending) {
            this.pending = pending;
        }

        @Override
        public void handleAck(long tag, boolean multiple) {
            settle(tag, multiple).forEach(Batch::confirmedOne);
        }

        @Override
        public void handleNack(long tag, boolean multiple) {
            settle(tag, multiple).forEach(batch -> batch.future.completeExceptionally(
                    new IOException("the broker refused message " + tag + " (basic.nack)")));
        }

        private List<Batch> settle(long tag, boolean multiple) {
            Map<Long, Batch> settled = multiple ? pending.headMap(tag, true) : pending.subMap(tag, true, tag, true);
            List<Batch> batches = List.copyOf(settled.values());
            settled.clear();
            return batches;
        }
    }
}

package dev.bazaar.infra.inbox;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Consumes one queue on one channel and forms batches: when the consumer is idle, a batch starts as soon as
 * {@link ConsumerConfig#batchSize()} deliveries are waiting or {@link ConsumerConfig#batchWait()} after the first one;
 * while a batch is being applied, deliveries gather for the next. One batch at a time per channel.
 * <p>
 * Acknowledgements: deliveries settle one by one ({@link InboundProcessor.Settlement}); after each batch every settled
 * tag below the lowest unsettled one is acknowledged with a single {@code basic.ack(multiple=true)}, and the few above
 * it (a message still being retried on its own lies below them) one by one, so a slow retry never holds back the
 * prefetch window. When the channel dies, unacknowledged deliveries return to the queue and are delivered again;
 * the inbox makes the second copy harmless.
 */
final class BatchConsumer extends DefaultConsumer implements InboundProcessor.Settlement {

    private final MessageRoutes routes;
    private final InboundProcessor processor;
    private final ConsumerConfig config;
    private final Vertx vertx;
    private final Context root;
    private final Runnable onClosed;
    private final ConsumerMetrics metrics;
    private final ArrayDeque<InboundDelivery> waiting = new ArrayDeque<>();
    private final NavigableSet<Long> unsettled = new TreeSet<>();
    private final NavigableSet<Long> toAck = new TreeSet<>();
    private boolean busy;
    private boolean timerArmed;
    private boolean closed;

    BatchConsumer(Channel channel, MessageRoutes routes, InboundProcessor processor, ConsumerConfig config,
            Vertx vertx, Context root, ConsumerMetrics metrics, Runnable onClosed) {
        super(channel);
        this.routes = routes;
        this.processor = processor;
        this.config = config;
        this.vertx = vertx;
        this.root = root;
        this.onClosed = onClosed;
        this.metrics = metrics;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting.add(new InboundDelivery(envelope.getDeliveryTag(), body, properties));
            unsettled.add(envelope.getDeliveryTag());
        }
        startBatch(false);
    }

    /** Starts a batch if the consumer is idle and one is due; {@code now} when waiting deliveries need not wait. */
    private void startBatch(boolean now) {
        List<InboundDelivery> batch = null;
        synchronized (this) {
            if (busy || closed || waiting.isEmpty()) {
                return;
            }
            long waitMillis = config.batchWait().toMillis();
            if (now || waiting.size() >= config.batchSize() || waitMillis <= 0) {
                batch = new ArrayList<>(Math.min(waiting.size(), config.batchSize()));
                while (!waiting.isEmpty() && batch.size() < config.batchSize()) {
                    batch.add(waiting.poll());
                }
                busy = true;
            } else if (!timerArmed) {
                timerArmed = true;
                vertx.setTimer(waitMillis, id -> {
                    synchronized (this) {
                        timerArmed = false;
                    }
                    startBatch(true);
                });
            }
        }
        if (batch != null) {
            apply(batch);
        }
    }

    private void apply(List<InboundDelivery> batch) {
        metrics.batch(batch.size());
        Context context = IsolatedContexts.fresh(root);
        context.runOnContext(ignored -> processor.process(routes, batch, this).subscribe().with(
                done -> finished(),
                failure -> {
                    // process() settles every delivery itself; reaching this is a bug, the broker redelivers them
                    Log.errorf(failure, "Batch of %d message(s) on %s failed unexpectedly", batch.size(),
                            routes.queue());
                    finished();
                }));
    }

    private void finished() {
        synchronized (this) {
            busy = false;
            flushAcks();
        }
        startBatch(true);
    }

    @Override
    public synchronized void ack(long tag) {
        if (unsettled.remove(tag)) {
            toAck.add(tag);
            if (!busy) {
                flushAcks();
            }
        }
    }

    @Override
    public synchronized void reject(long tag) {
        if (unsettled.remove(tag) && !closed) {
            try {
                getChannel().basicReject(tag, false);
            } catch (IOException | RuntimeException e) {
                Log.warnf("Could not reject delivery %d on %s (it is delivered again): %s", tag, routes.queue(),
                        e.toString());
            }
        }
    }

    private void flushAcks() {
        if (toAck.isEmpty() || closed) {
            toAck.clear();
            return;
        }
        try {
            long lowestUnsettled = unsettled.isEmpty() ? Long.MAX_VALUE : unsettled.first();
            NavigableSet<Long> below = toAck.headSet(lowestUnsettled, false);
            if (!below.isEmpty()) {
                getChannel().basicAck(below.last(), true);
                metrics.acked();
                below.clear();
            }
            for (long tag : toAck) {
                getChannel().basicAck(tag, false);
                metrics.acked();
            }
        } catch (IOException | RuntimeException e) {
            Log.warnf("Could not acknowledge on %s (the deliveries come again): %s", routes.queue(), e.toString());
        }
        toAck.clear();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
        close();
        if (!signal.isInitiatedByApplication()) {
            Log.warnf("Consumer of %s lost its channel: %s", routes.queue(), signal.getMessage());
        }
        onClosed.run();
    }

    @Override
    public void handleCancel(String consumerTag) {
        close();
        Log.warnf("Consumer of %s cancelled by the broker (queue deleted?)", routes.queue());
        onClosed.run();
    }

    private synchronized void close() {
        closed = true;
        waiting.clear();
        unsettled.clear();
        toAck.clear();
    }

    synchronized boolean isOpen() {
        return !closed && getChannel().isOpen();
    }

    synchronized boolean idle() {
        return !busy;
    }
}

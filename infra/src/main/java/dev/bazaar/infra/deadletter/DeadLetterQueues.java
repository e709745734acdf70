package dev.bazaar.infra.deadletter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;

import dev.bazaar.infra.inbox.ConsumerConfig;
import dev.bazaar.infra.messaging.ServiceIdentity;
import io.quarkus.logging.Log;

/**
 * Lists, replays and discards the messages in a dead-letter queue without ever losing one.
 * <p>
 * Messages are taken from the head with basic.get and manual acknowledgement. A message is acknowledged (removed)
 * only after it was replayed with a publisher confirm, or when it is discarded; every other message taken is put
 * back with basic.nack(requeue), or goes back by itself when the channel or connection dies. Because quorum queues
 * count such requeues (and RabbitMQ 4.0 to 4.2 drop a message past a default delivery limit of 20, and the
 * dead-letter queues have no dead-letter exchange of their own), a message put back often is re-published as a
 * fresh copy instead, confirmed before the worn copy is acknowledged: see
 * {@link DeadLetterConfig#refreshAfterDeliveries()}.
 * <p>
 * A replay goes to the consumer's queue only, not through the exchange it is bound to (other consumers must not get
 * it again): through a direct exchange {@code <service>.replay} bound to each queue by its name. The default exchange
 * would do the same, but a service's broker user may write only to its own exchanges.
 */
@ApplicationScoped
public class DeadLetterQueues {

    private static final Duration PUT_BACK_WAIT = Duration.ofSeconds(2);

    private final BrokerConnection broker;
    private final DeadLetterConfig config;
    private final String replayExchange;
    private final String deadLetterExchange;

    DeadLetterQueues(BrokerConnection broker, DeadLetterConfig config, ServiceIdentity service,
            ConsumerConfig consumers) {
        this.broker = broker;
        this.config = config;
        this.replayExchange = service.name() + ".replay";
        this.deadLetterExchange = consumers.deadLetterExchange();
    }

    /** The queue's depth and its first {@code limit} dead letters, all left in place. */
    public DeadLetterQueueView browse(IncomingQueue queue, int limit) throws IOException {
        long depth = depth(queue);
        List<ParkedMessage> seen = new ArrayList<>();
        if (depth > 0) {
            try (Channel channel = broker.openChannel()) {
                scan(channel, queue, depth, Math.min(depth, limit), response -> {
                    seen.add(parse(response));
                    return false;
                });
            } catch (TimeoutException e) {
                throw new IOException(e);
            }
        }
        return new DeadLetterQueueView(queue.queue(), queue.deadLetterQueue(), depth, DeadLetterView.of(seen));
    }

    /**
     * A quorum queue applies a requeue (or a refreshed copy) a moment after it was sent; until
     * then its ready count is short. Waiting for it here (briefly) means the next operation counts the whole queue.
     */
    private void awaitPutBack(IncomingQueue queue, long depth) throws IOException {
        long deadline = System.nanoTime() + PUT_BACK_WAIT.toNanos();
        while (depth(queue) < depth && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The first copy of the dead letter with this id among the first {@code max-scan} of the queue, with its
     * properties, headers and whole body; every message looked at is put back.
     */
    public Optional<DeadLetterMessage> inspect(IncomingQueue queue, String messageId) throws IOException {
        long depth = depth(queue);
        if (depth == 0) {
            return Optional.empty();
        }
        DeadLetterMessage[] found = new DeadLetterMessage[1];
        try (Channel channel = broker.openChannel()) {
            scan(channel, queue, depth, Math.min(depth, config.maxScan()), response -> {
                ParkedMessage parked = parse(response);
                if (found[0] == null && parked.messageId().equals(messageId)) {
                    found[0] = DeadLetterMessage.of(queue, parked, response.getProps(), response.getBody());
                }
                return false;
            });
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        return Optional.ofNullable(found[0]);
    }

    /** Moves the dead letters with this id (all of them if null) back to their queue; returns how many. */
    public int replay(IncomingQueue queue, String messageId) throws IOException {
        return withChannel(queue, messageId, (channel, publisher) -> {
            channel.exchangeDeclare(replayExchange, BuiltinExchangeType.DIRECT, true);
            channel.queueBind(queue.queue(), replayExchange, queue.queue());
            return response -> {
                ParkedMessage parked = parse(response);
                if (!matches(messageId, parked)) {
                    return false;
                }
                AMQP.BasicProperties properties = ReplayProperties.replay(response.getProps(), parked.reason());
                if (!publisher.publish(replayExchange, queue.queue(), properties, response.getBody())) {
                    throw new IOException("the broker did not confirm the replay of " + parked.messageId()
                            + " to " + queue.queue() + "; it stays in " + queue.deadLetterQueue());
                }
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                Log.infof("Replayed dead letter %s (%s, correlation %s) to %s", parked.messageId(), parked.type(),
                        parked.correlationId(), queue.queue());
                return true;
            };
        });
    }

    /** Removes the dead letters with this id (all of them if null) for good; returns how many. */
    public int discard(IncomingQueue queue, String messageId) throws IOException {
        return withChannel(queue, messageId, (channel, publisher) -> response -> {
            ParkedMessage parked = parse(response);
            if (!matches(messageId, parked)) {
                return false;
            }
            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
            Log.infof("Discarded dead letter %s (%s, correlation %s) from %s", parked.messageId(), parked.type(),
                    parked.correlationId(), queue.deadLetterQueue());
            return true;
        });
    }

    private int withChannel(IncomingQueue queue, String messageId, Operation operation) throws IOException {
        long depth = depth(queue);
        if (depth == 0) {
            return 0;
        }
        // one message id is looked for among the first max-scan; "all" means the messages there were at the start,
        // so a message that fails again and comes back is not taken a second time
        long bound = messageId == null ? depth : Math.min(depth, config.maxScan());
        try (Channel channel = broker.openChannel()) {
            Visitor visitor = operation.prepare(channel, new ConfirmedPublisher(channel, config.confirmTimeout()));
            return scan(channel, queue, depth, bound, visitor);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /**
     * Takes up to {@code max} messages; those the visitor did not take are put back when the scan ends, and the scan
     * returns only once the queue holds them again (at least {@code depth} minus those taken), so the next listing,
     * replay or discard counts the whole queue.
     */
    private int scan(Channel channel, IncomingQueue queue, long depth, long max, Visitor visitor) throws IOException {
        List<GetResponse> held = new ArrayList<>();
        int taken = 0;
        try {
            for (long i = 0; i < max; i++) {
                GetResponse response = channel.basicGet(queue.deadLetterQueue(), false);
                if (response == null) {
                    break;
                }
                if (visitor.take(response)) {
                    taken++;
                } else {
                    held.add(response);
                }
            }
        } finally {
            putBack(channel, queue, held);
        }
        if (!held.isEmpty()) {
            awaitPutBack(queue, depth - taken);
        }
        return taken;
    }

    private void putBack(Channel channel, IncomingQueue queue, List<GetResponse> held) {
        try {
            ConfirmedPublisher publisher = null;
            for (GetResponse response : held) {
                long tag = response.getEnvelope().getDeliveryTag();
                if (parse(response).deliveries() >= config.refreshAfterDeliveries()) {
                    if (publisher == null) {
                        publisher = new ConfirmedPublisher(channel, config.confirmTimeout());
                    }
                    if (publisher.publish(deadLetterExchange, queue.queue(),
                            ReplayProperties.refresh(response.getProps()), response.getBody())) {
                        channel.basicAck(tag, false);
                        continue;
                    }
                }
                channel.basicNack(tag, false, true);
            }
        } catch (IOException | ShutdownSignalException e) {
            // whatever was not put back returns to the queue when the channel closes
            Log.warnf("Could not put dead letters back into %s: %s", queue.deadLetterQueue(), e.toString());
        }
    }

    /** Ready messages in the dead-letter queue; 0 if the connector has not declared it yet. */
    private long depth(IncomingQueue queue) throws IOException {
        Channel channel = broker.openChannel();
        try {
            return channel.queueDeclarePassive(queue.deadLetterQueue()).getMessageCount();
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == 404) {
                return 0;
            }
            throw e;
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (TimeoutException | IOException e) {
                    // nothing to clean up on a passive declare
                }
            }
        }
    }

    private ParkedMessage parse(GetResponse response) {
        return ParkedMessage.of(response.getProps(), response.getBody(), config.excerptLength());
    }

    private static boolean matches(String messageId, ParkedMessage parked) {
        return messageId == null || messageId.equals(parked.messageId());
    }

    /** Decides for each message taken whether it was dealt with (and acknowledged) or is to be put back. */
    @FunctionalInterface
    private interface Visitor {
        boolean take(GetResponse response) throws IOException;
    }

    /** Prepares the channel (e.g. the replay binding) and returns the visitor of one replay or discard. */
    @FunctionalInterface
    private interface Operation {
        Visitor prepare(Channel channel, ConfirmedPublisher publisher) throws IOException;
    }
}

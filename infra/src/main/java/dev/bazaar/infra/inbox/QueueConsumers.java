package dev.bazaar.infra.inbox;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import dev.bazaar.infra.deadletter.BrokerConnection;
import dev.bazaar.infra.messaging.ServiceIdentity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Starts a batch consumer for every queue the service declares ({@link MessageRoutes} beans), on a connection of its
 * own: declares the queue (durable quorum queue with a delivery limit, dead-lettering to {@code <queue>.dlq} through
 * the dead-letter exchange) and its bindings, then consumes with a prefetch of {@link ConsumerConfig#prefetch()}.
 * A consumer whose channel or connection dies is started again every {@link ConsumerConfig#reconnectInterval()} until
 * the broker is back; readiness is DOWN meanwhile ({@link ConsumersReadiness}).
 */
@ApplicationScoped
public class QueueConsumers {

    private final List<MessageRoutes> queues;
    private final InboundProcessor processor;
    private final ConsumerConfig config;
    private final BrokerConnection broker;
    private final ServiceIdentity service;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final Map<String, ConsumerMetrics> metrics = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private Connection connection;
    private volatile boolean stopping;

    QueueConsumers(@Any Instance<MessageRoutes> queues, InboundProcessor processor, ConsumerConfig config,
            BrokerConnection broker, ServiceIdentity service, Vertx vertx, MeterRegistry registry) {
        this.queues = queues.stream().toList();
        this.processor = processor;
        this.config = config;
        this.broker = broker;
        this.service = service;
        this.vertx = vertx;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        for (MessageRoutes routes : queues) {
            // read from the slots at scrape time: what readiness reports, per queue, for the consumers-down alert
            Gauge.builder("bazaar.consumer.connected", this,
                            consumers -> consumers.connected().getOrDefault(routes.queue(), false) ? 1 : 0)
                    .description("1 while every consumer of the queue is connected and consuming, else 0")
                    .tag("queue", routes.queue())
                    .register(registry);
            for (int i = 0; i < Math.max(1, config.consumersPerQueue()); i++) {
                Slot slot = new Slot(routes, vertx.getOrCreateContext());
                slots.add(slot);
                Infrastructure.getDefaultWorkerPool().execute(slot::start);
            }
        }
    }

    /** The queues consumed here. */
    public List<MessageRoutes> queues() {
        return queues;
    }

    /** Queue name to whether all of its consumers are connected and consuming. */
    public Map<String, Boolean> connected() {
        Map<String, Boolean> state = new HashMap<>();
        for (Slot slot : slots) {
            state.merge(slot.routes.queue(), slot.isOpen(), Boolean::logicalAnd);
        }
        return state;
    }

    /** Stops taking deliveries, lets the batches in progress finish (a few seconds at most), then disconnects. */
    void onStop(@Observes @Priority(10) ShutdownEvent event) {
        stopping = true;
        for (Slot slot : slots) {
            slot.cancel();
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline && slots.stream().anyMatch(slot -> !slot.idle())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            if (connection != null && connection.isOpen()) {
                try {
                    connection.close(2_000);
                } catch (IOException | RuntimeException e) {
                    // shutting down anyway
                }
            }
        }
    }

    private synchronized Channel openChannel() throws IOException {
        if (connection == null || !connection.isOpen()) {
            connection = broker.connect("consumers");
        }
        return connection.createChannel();
    }

    /**
     * Declares the service's side of the topology and returns the channel to consume on (a refused declaration closes
     * a channel, so it may be a new one). The exchanges the queue listens to belong to their producers: they are
     * declared where this broker user may configure them (dev, tests), and otherwise only checked to exist, since in
     * production each service may configure nothing but its own resources. A queue declared earlier with other
     * arguments (one that dead-letters into the shared DLX of older versions) is used as it is, with a warning: its
     * arguments cannot change while it exists.
     */
    private Channel declare(Channel channel, MessageRoutes routes) throws IOException {
        String deadLetterExchange = config.deadLetterExchange();
        channel.exchangeDeclare(service.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(deadLetterExchange, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(routes.deadLetterQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(routes.deadLetterQueue(), deadLetterExchange, routes.queue());
        Map<String, Object> arguments = Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", config.deliveryLimit(),
                "x-dead-letter-exchange", deadLetterExchange,
                "x-dead-letter-routing-key", routes.queue());
        try {
            channel.queueDeclare(routes.queue(), true, false, false, arguments);
        } catch (IOException e) {
            if (!refused(e, AMQP.PRECONDITION_FAILED)) {
                throw e;
            }
            Log.warnf("Queue %s exists with other arguments (%s); using it as it is. Drain and delete it to have it "
                    + "dead-letter into %s", routes.queue(), e.getCause().getMessage(), deadLetterExchange);
            channel = openChannel();
            channel.queueDeclarePassive(routes.queue());
        }
        for (var binding : routes.bindings().entrySet()) {
            try {
                channel.exchangeDeclare(binding.getKey(), BuiltinExchangeType.TOPIC, true);
            } catch (IOException e) {
                if (!refused(e, AMQP.ACCESS_REFUSED)) {
                    throw e;
                }
                channel = openChannel();
                channel.exchangeDeclarePassive(binding.getKey());
            }
            for (String routingKey : binding.getValue()) {
                channel.queueBind(routes.queue(), binding.getKey(), routingKey);
            }
        }
        return channel;
    }

    /** Whether the broker closed the channel with this reply code. */
    private static boolean refused(IOException e, int replyCode) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == replyCode;
    }

    /** One consumer of one queue, and its restarts. */
    private final class Slot {

        final MessageRoutes routes;
        final Context root;
        volatile BatchConsumer consumer;

        Slot(MessageRoutes routes, Context root) {
            this.routes = routes;
            this.root = root;
        }

        void start() {
            if (stopping) {
                return;
            }
            Channel channel = null;
            try {
                channel = openChannel();
                channel = declare(channel, routes);
                channel.basicQos(Math.max(config.prefetch(), config.batchSize()));
                BatchConsumer fresh = new BatchConsumer(channel, routes, processor, config, vertx, root,
                        metrics.computeIfAbsent(routes.queue(), queue -> new ConsumerMetrics(registry, queue)),
                        this::restartLater);
                consumer = fresh;
                channel.basicConsume(routes.queue(), false, fresh);
                Log.debugf("Consuming %s", routes.queue());
            } catch (IOException | RuntimeException e) {
                Log.warnf("Cannot consume %s yet, retrying in %s: %s", routes.queue(), config.reconnectInterval(),
                        e.toString());
                closeQuietly(channel);
                restartLater();
            }
        }

        void restartLater() {
            if (!stopping) {
                vertx.setTimer(Math.max(1, config.reconnectInterval().toMillis()),
                        id -> Infrastructure.getDefaultWorkerPool().execute(this::start));
            }
        }

        boolean isOpen() {
            BatchConsumer current = consumer;
            return current != null && current.isOpen();
        }

        boolean idle() {
            BatchConsumer current = consumer;
            return current == null || current.idle();
        }

        void cancel() {
            BatchConsumer current = consumer;
            if (current != null && current.isOpen()) {
                try {
                    current.getChannel().basicCancel(current.getConsumerTag());
                } catch (IOException | RuntimeException e) {
                    // the channel is going away anyway
                }
            }
        }

        private void closeQuietly(Channel channel) {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                    // nothing left to do
                }
            }
        }
    }
}

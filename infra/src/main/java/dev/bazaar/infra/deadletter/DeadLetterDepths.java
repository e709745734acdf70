package dev.bazaar.infra.deadletter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.rabbitmq.client.Channel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * How many messages are parked in the dead-letter queue of each queue this service consumes, read every
 * {@code bazaar.metrics.dead-letter-interval} with a passive queue declare (the broker answers with the count; nothing
 * is consumed), on a worker thread. A queue whose depth cannot be read (broker down, queue not declared yet) reads NaN
 * until it can again: an old count could hide new dead letters or report ones an operator already replayed.
 */
@ApplicationScoped
class DeadLetterDepths {

    private final ServiceQueues queues;
    private final BrokerConnection broker;
    private final Map<String, Double> depths = new ConcurrentHashMap<>();

    DeadLetterDepths(ServiceQueues queues, BrokerConnection broker, MeterRegistry registry) {
        this.queues = queues;
        this.broker = broker;
        for (IncomingQueue queue : queues.all()) {
            depths.put(queue.deadLetterQueue(), Double.NaN);
            Gauge.builder("bazaar.dead.letter.queue", depths, all -> all.getOrDefault(queue.deadLetterQueue(),
                            Double.NaN))
                    .description("Messages parked in the queue's dead-letter queue")
                    .baseUnit("messages")
                    .tag("queue", queue.queue())
                    .tag("dead_letter_queue", queue.deadLetterQueue())
                    .register(registry);
        }
    }

    @Scheduled(identity = "dead-letter-depth-metrics", every = "${bazaar.metrics.dead-letter-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (IncomingQueue queue : queues.all()) {
            depths.put(queue.deadLetterQueue(), depth(queue));
        }
    }

    private double depth(IncomingQueue queue) {
        // a channel per queue: a failed passive declare (no such queue) closes the channel it ran on
        try (Channel channel = broker.openChannel()) {
            return channel.queueDeclarePassive(queue.deadLetterQueue()).getMessageCount();
        } catch (IOException | TimeoutException | RuntimeException e) {
            Log.debugf("Cannot read the depth of %s: %s", queue.deadLetterQueue(), e.toString());
            return Double.NaN;
        }
    }
}

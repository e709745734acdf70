package dev.bazaar.infra.deadletter;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * The RabbitMQ queues of this service, read from its incoming channels
 * ({@code mp.messaging.incoming.<channel>.queue.name}); only these can be inspected, replayed or discarded here.
 */
@ApplicationScoped
public class ServiceQueues {

    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String CONNECTOR = "smallrye-rabbitmq";

    private final Config config;
    private volatile List<IncomingQueue> queues;

    ServiceQueues(Config config) {
        this.config = config;
    }

    public List<IncomingQueue> all() {
        List<IncomingQueue> known = queues;
        if (known == null) {
            known = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(".connector"))
                    .filter(name -> CONNECTOR.equals(config.getOptionalValue(name, String.class).orElse(null)))
                    .map(name -> name.substring(PREFIX.length(), name.length() - ".connector".length()))
                    .distinct()
                    .map(this::incoming)
                    .sorted(Comparator.comparing(IncomingQueue::queue))
                    .toList();
            queues = known;
        }
        return known;
    }

    public Optional<IncomingQueue> find(String queue) {
        return all().stream().filter(incoming -> incoming.queue().equals(queue)).findFirst();
    }

    private IncomingQueue incoming(String channel) {
        String queue = value(channel, "queue.name").orElse(channel);
        // the connector's own default for auto-bind-dlq
        String deadLetterQueue = value(channel, "dead-letter-queue-name").orElse(queue + ".dlq");
        return new IncomingQueue(channel, queue, deadLetterQueue);
    }

    private Optional<String> value(String channel, String key) {
        return config.getOptionalValue(PREFIX + channel + "." + key, String.class);
    }
}

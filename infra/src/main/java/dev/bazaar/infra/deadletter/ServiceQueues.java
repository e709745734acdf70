package dev.bazaar.infra.deadletter;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.inbox.QueueConsumers;

/** The RabbitMQ queues this service consumes; only these can be inspected, replayed or discarded here. */
@ApplicationScoped
public class ServiceQueues {

    private final List<IncomingQueue> queues;

    ServiceQueues(QueueConsumers consumers) {
        this.queues = consumers.queues().stream()
                .map(routes -> new IncomingQueue(routes.inbox(), routes.queue(), routes.deadLetterQueue()))
                .sorted(Comparator.comparing(IncomingQueue::queue))
                .toList();
    }

    public List<IncomingQueue> all() {
        return queues;
    }

    public Optional<IncomingQueue> find(String queue) {
        return queues.stream().filter(incoming -> incoming.queue().equals(queue)).findFirst();
    }
}

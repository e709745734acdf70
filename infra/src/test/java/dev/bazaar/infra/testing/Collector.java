package dev.bazaar.infra.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.rabbitmq.client.Channel;

import dev.bazaar.events.Envelope;

/** Messages arriving on a test queue, in arrival order. */
public final class Collector implements AutoCloseable {

    private final Channel channel;
    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

    Collector(Channel channel, String queue) throws IOException {
        this.channel = channel;
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(new ReceivedMessage(
                delivery.getEnvelope().getRoutingKey(), delivery.getBody(), delivery.getProperties())), tag -> { });
    }

    public List<ReceivedMessage> messages() {
        return List.copyOf(received);
    }

    /** Decoded envelopes of everything received so far. */
    public List<Envelope> envelopes() {
        return received.stream().map(ReceivedMessage::envelope).toList();
    }

    /** Waits until at least {@code count} messages arrived and returns all received. */
    public List<ReceivedMessage> awaitMessages(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= count);
        return messages();
    }

    /** Waits for the first envelope matching {@code condition}. */
    public Envelope awaitEnvelope(Predicate<Envelope> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> envelopes().stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (Exception e) {
            // the queue is exclusive and goes away with the connection anyway
        }
    }
}

package dev.bazaar.infra.deadletter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

/**
 * Publishes on one channel, one message at a time, and says whether the broker took it into a queue: confirmed, and
 * not returned as unroutable (mandatory). Only then may the dead-letter copy it came from be acknowledged.
 */
final class ConfirmedPublisher {

    private final Channel channel;
    private final Duration timeout;
    private final AtomicBoolean returned = new AtomicBoolean();

    ConfirmedPublisher(Channel channel, Duration timeout) throws IOException {
        this.channel = channel;
        this.timeout = timeout;
        channel.confirmSelect();
        // the broker sends basic.return before the confirm of the same message, on the same connection thread
        channel.addReturnListener(unroutable -> returned.set(true));
    }

    boolean publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        returned.set(false);
        channel.basicPublish(exchange, routingKey, true, properties, body);
        try {
            return channel.waitForConfirms(timeout.toMillis()) && !returned.get();
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker's confirm", e);
        }
    }
}

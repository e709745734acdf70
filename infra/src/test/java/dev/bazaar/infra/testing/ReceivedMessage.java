package dev.bazaar.infra.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;

/** A message as a test consumer received it from the broker. */
public record ReceivedMessage(String routingKey, byte[] body, AMQP.BasicProperties properties) {

    private static final MessageCodec CODEC = new MessageCodec();

    public Envelope envelope() {
        return CODEC.decode(body);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }
}

package dev.bazaar.infra.inbox;

import com.rabbitmq.client.AMQP;

import dev.bazaar.infra.tracing.MessageTracing;

/** One message as the broker delivered it on a consumer's channel. */
record InboundDelivery(long tag, byte[] body, AMQP.BasicProperties properties) {

    String messageId() {
        return properties == null || properties.getMessageId() == null ? "?" : properties.getMessageId();
    }

    /** The AMQP header {@code traceparent}: the trace context of the span that wrote the message, if any. */
    String traceparent() {
        Object value = properties == null || properties.getHeaders() == null ? null
                : properties.getHeaders().get(MessageTracing.TRACEPARENT);
        return value == null ? null : value.toString();
    }
}

package dev.bazaar.infra.inbox;

import com.rabbitmq.client.AMQP;

/** One message as the broker delivered it on a consumer's channel. */
record InboundDelivery(long tag, byte[] body, AMQP.BasicProperties properties) {

    String messageId() {
        return properties == null || properties.getMessageId() == null ? "?" : properties.getMessageId();
    }
}

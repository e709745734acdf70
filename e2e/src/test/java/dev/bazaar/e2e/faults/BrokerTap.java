package dev.bazaar.e2e.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/** A plain AMQP client on the system's vhost: copies what services publish, publishes as a faulty peer would. */
final class BrokerTap implements AutoCloseable {

    /** One message as published: where to, and exactly what. */
    record Captured(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
    }

    private final Connection connection;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final List<Channel> taps = new ArrayList<>();

    BrokerTap(int port, String vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setVirtualHost(vhost);
        factory.setUsername("guest");
        factory.setPassword("guest");
        connection = factory.newConnection("fault-suite");
    }

    /** Starts copying every message published to these exchanges. */
    void capture(String... exchanges) throws Exception {
        for (String exchange : exchanges) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "#");
            channel.basicConsume(queue, true, (tag, delivery) -> captured.add(new Captured(exchange,
                    delivery.getEnvelope().getRoutingKey(), delivery.getProperties(), delivery.getBody())), tag -> { });
            taps.add(channel);
        }
    }

    /** Stops copying and returns what was copied, shuffled. */
    List<Captured> stopCapture() throws Exception {
        for (Channel channel : taps) {
            channel.close();
        }
        taps.clear();
        List<Captured> copy = new ArrayList<>(captured);
        Collections.shuffle(copy);
        return copy;
    }

    /** Publishes again, same exchange, routing key, properties (so the same message id) and body. */
    void republish(List<Captured> messages) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (Captured message : messages) {
                channel.basicPublish(message.exchange(), message.routingKey(), message.properties(), message.body());
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    /** Puts a raw message straight into a consumer's queue, as a broken producer could. */
    void poison(String queue, String type, byte[] body) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json")
                    .type(type).deliveryMode(2).build(), body);
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    /** Reads (and takes) every message of a queue. */
    List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                messages.add(response);
            }
        }
        return messages;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}

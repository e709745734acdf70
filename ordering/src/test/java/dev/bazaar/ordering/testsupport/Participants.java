package dev.bazaar.ordering.testsupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.MessageType;
import dev.bazaar.events.cart.CartCheckedOut;
import dev.bazaar.events.cart.CartLine;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.ReceivedMessage;
import dev.bazaar.infra.testing.TestBroker;

/**
 * Plays catalog, user and cart on the test broker: publishes their messages as those services would (on their
 * exchanges, correlated by order id, caused by ordering's command) and watches everything ordering publishes.
 * <p>
 * A JUnit 5 extension on {@link RabbitMqExtension}: connected before each test, watching from then on, and
 * disconnected after it. Register it on a static field, as {@code @QuarkusTest} requires:
 * <pre>{@code
 * @RegisterExtension
 * static final Participants participants = new Participants();
 * }</pre>
 */
public final class Participants implements BeforeEachCallback, AfterEachCallback {

    public static final String CATALOG = "catalog.events";
    public static final String USER = "user.events";
    public static final String CART = "cart.events";
    public static final String ORDERING = "ordering.events";
    private static final MessageCodec CODEC = new MessageCodec();

    private final RabbitMqExtension broker = new RabbitMqExtension();
    private volatile Collector sent;

    @Override
    public void beforeEach(ExtensionContext context) {
        broker.beforeEach(context);
        sent = broker.collect(ORDERING, "#");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Collector collector = sent;
        sent = null;
        if (collector != null) {
            collector.close();
        }
        broker.afterEach(context);
    }

    public TestBroker broker() {
        return broker.broker();
    }

    /** Waits for the first message of {@code type} ordering sent for the order. */
    public Envelope awaitSent(UUID orderId, MessageType<?> type) {
        return watched().awaitEnvelope(envelope -> envelope.correlationId().equals(orderId.toString())
                && envelope.type().equals(type.type()));
    }

    /** Waits until ordering sent {@code count} messages of {@code type} for the order; returns them. */
    public List<Envelope> awaitSent(UUID orderId, MessageType<?> type, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sent(orderId, type).size() >= count);
        return sent(orderId, type);
    }

    public List<Envelope> sent(UUID orderId, MessageType<?> type) {
        return watched().messages().stream().map(ReceivedMessage::envelope)
                .filter(envelope -> envelope.correlationId().equals(orderId.toString())
                        && envelope.type().equals(type.type()))
                .toList();
    }

    /** Types of everything ordering sent for the order, in arrival order. */
    public List<String> sentTypes(UUID orderId) {
        return watched().messages().stream().map(ReceivedMessage::envelope)
                .filter(envelope -> envelope.correlationId().equals(orderId.toString()))
                .map(Envelope::type)
                .toList();
    }

    public static <P> P payload(Envelope envelope, MessageType<P> type) {
        return CODEC.payload(envelope, type);
    }

    // --- catalog ---------------------------------------------------------------------------------------------------

    /** Catalog reserves exactly what stock.reserve asked for, at the given unit prices (one per line, in order). */
    public Envelope stockReserved(Envelope reserve, String... unitPrices) {
        List<StockLine> lines = payload(reserve, Contracts.RESERVE_STOCK).lines();
        List<ReservedLine> reserved = new java.util.ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            BigDecimal price = new BigDecimal(unitPrices[i]);
            reserved.add(new ReservedLine(lines.get(i).productId(), "SKU-" + i, lines.get(i).quantity(), price));
            total = total.add(price.multiply(BigDecimal.valueOf(lines.get(i).quantity())));
        }
        UUID orderId = UUID.fromString(reserve.correlationId());
        return reply(CATALOG, reserve, Contracts.STOCK_RESERVED, new StockReserved(orderId, reserved, total));
    }

    public Envelope stockRejected(Envelope reserve, String reason) {
        UUID orderId = UUID.fromString(reserve.correlationId());
        return reply(CATALOG, reserve, Contracts.STOCK_REJECTED, new StockRejected(orderId, reason, List.of()));
    }

    public Envelope stockReleased(Envelope release) {
        UUID orderId = UUID.fromString(release.correlationId());
        return reply(CATALOG, release, Contracts.STOCK_RELEASED, new StockReleased(orderId, List.of()));
    }

    // --- user ------------------------------------------------------------------------------------------------------

    /** User holds what credit.reserve asked for. */
    public Envelope creditReserved(Envelope reserve) {
        var command = payload(reserve, Contracts.RESERVE_CREDIT);
        return reply(USER, reserve, Contracts.CREDIT_RESERVED,
                new CreditReserved(command.orderId(), command.customerId(), command.amount()));
    }

    public Envelope creditRejected(Envelope reserve, String reason, String available) {
        var command = payload(reserve, Contracts.RESERVE_CREDIT);
        return reply(USER, reserve, Contracts.CREDIT_REJECTED, new CreditRejected(command.orderId(),
                command.customerId(), reason, command.amount(), new BigDecimal(available)));
    }

    public Envelope creditReleased(Envelope release, String amount) {
        var command = payload(release, Contracts.RELEASE_CREDIT);
        return reply(USER, release, Contracts.CREDIT_RELEASED,
                new CreditReleased(command.orderId(), command.customerId(), new BigDecimal(amount)));
    }

    // --- cart ------------------------------------------------------------------------------------------------------

    public Envelope checkedOut(UUID orderId, UUID cartId, UUID customerId, CartLine... lines) {
        Envelope envelope = CODEC.wrap(Contracts.CART_CHECKED_OUT,
                new CartCheckedOut(orderId, cartId, customerId, Arrays.asList(lines)), "cart", cartId.toString(),
                orderId.toString(), null);
        broker.publish(CART, envelope);
        return envelope;
    }

    /** Publishes an envelope again, or a hand-made one. */
    public void publish(String exchange, Envelope envelope) {
        broker.publish(exchange, envelope);
    }

    /** A reply to {@code cause} as the participant's outbox would write it, published at once. */
    public <P> Envelope reply(String exchange, Envelope cause, MessageType<P> type, P payload) {
        Envelope envelope = envelopeFor(exchange, cause, type, payload);
        broker.publish(exchange, envelope);
        return envelope;
    }

    /** A reply to {@code cause}, not yet published (each call gives a new message id). */
    public static <P> Envelope envelopeFor(String exchange, Envelope cause, MessageType<P> type, P payload) {
        String source = exchange.substring(0, exchange.indexOf('.'));
        return CODEC.wrap(type, payload, source, cause.correlationId(), cause.correlationId(), cause.id());
    }

    private Collector watched() {
        Collector collector = sent;
        if (collector == null) {
            throw new IllegalStateException("the participants watch ordering only while a test runs");
        }
        return collector;
    }
}

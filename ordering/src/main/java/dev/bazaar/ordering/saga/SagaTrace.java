package dev.bazaar.ordering.saga;

import java.util.UUID;

import dev.bazaar.events.Envelope;
import dev.bazaar.infra.tracing.MessageTracing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * Where one saga decision is traced: as events of the consumer span of the message it answers, of the current span
 * (an HTTP request's) when no message caused it, or of a span of its own (a deadline expiry). The messages it sends
 * carry the same span's trace context, so each continues the order's trace. Every event names {@code order.id},
 * {@code message.id} and {@code message.type}: of the cause for a step, of the message itself for a send.
 */
final class SagaTrace {

    private final MessageTracing tracing;
    private final UUID causationId;
    private final String causeType;
    private final Span span;

    private SagaTrace(MessageTracing tracing, UUID causationId, String causeType, Span span) {
        this.tracing = tracing;
        this.causationId = causationId;
        this.causeType = causeType;
        this.span = span;
    }

    /** The decision answers {@code cause} (a request or a cancel if null). */
    static SagaTrace of(MessageTracing tracing, Envelope cause) {
        return cause == null ? new SagaTrace(tracing, null, null, null)
                : new SagaTrace(tracing, cause.id(), cause.type(), null);
    }

    /** The decision answers the message {@code causationId} (a request or a cancel if null). */
    static SagaTrace of(MessageTracing tracing, UUID causationId) {
        return new SagaTrace(tracing, causationId, null, null);
    }

    /** The decision is work of its own, traced in {@code span} (a deadline expiry). */
    static SagaTrace in(MessageTracing tracing, Span span) {
        return new SagaTrace(tracing, null, null, span);
    }

    /** The trace context of the messages the decision sends (and of an order it places). */
    String traceparent() {
        return span != null ? MessageTracing.traceparent(span.getSpanContext()) : tracing.traceparentFor(causationId);
    }

    /** A transition of the order ("saga order placed", "saga received stock.reserved", ...). */
    void step(String orderId, SagaStep step) {
        event("saga " + step.step(), attributes(orderId, causationId, causeType));
    }

    /** A message the decision sent ("saga sent stock.release", ...). */
    void sent(String orderId, String type, UUID messageId) {
        event("saga sent " + type, attributes(orderId, messageId, type));
    }

    private void event(String name, Attributes attributes) {
        if (span != null) {
            span.addEvent(name, attributes);
        } else {
            tracing.event(causationId, name, attributes);
        }
    }

    private static Attributes attributes(String orderId, UUID messageId, String messageType) {
        return Attributes.of(MessageTracing.ORDER_ID, orderId,
                MessageTracing.MESSAGE_ID, messageId == null ? "" : messageId.toString(),
                MessageTracing.MESSAGE_TYPE, messageType == null ? "" : messageType);
    }
}

package dev.bazaar.infra.tracing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import dev.bazaar.events.Envelope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One trace per order across the broker. Every outgoing message carries the W3C {@code traceparent} of the span that
 * wrote it: in its envelope and outbox row, and as the AMQP header {@code traceparent}, so a relay recovery or a
 * dead-letter replay sends the same context again. A consumer continues each message's own trace with a consumer span
 * per message ({@link #consume}); a batch that spans several traces also gets a batch span linked to every message.
 * The messages a handler writes while its message's span is open carry that span's context
 * ({@link #traceparentFor}); outside a message, the current span's (the HTTP request's).
 * <p>
 * Log lines about one message carry {@code traceId}, {@code spanId}, {@code orderId} (the correlation id) and
 * {@code messageId} through the MDC ({@link #logging}).
 */
@ApplicationScoped
public class MessageTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("message.id");
    public static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("message.type");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("message.source");
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("messaging.batch.message_count");

    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;
    /** The open consumer span of each message being applied, by message id. */
    private final Map<UUID, Span> applying = new ConcurrentHashMap<>();

    MessageTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The traceparent a message written now carries: the consumer span of the message that caused it while that one
     * is being applied, otherwise the current span (an HTTP request's); null outside any trace.
     */
    public String traceparentFor(UUID causationId) {
        Span cause = causationId == null ? null : applying.get(causationId);
        return traceparent((cause != null ? cause : Span.current()).getSpanContext());
    }

    /** The W3C traceparent of a span context; null if it is not valid. */
    public static String traceparent(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The context a traceparent names (the root context if it is null or malformed). */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT_ONLY);
    }

    /**
     * Opens a consumer span per message, each a child of its message's trace ({@code traceparent} from the envelope,
     * else from the AMQP header {@code headerTraceparents} gives). While they are open, {@link #traceparentFor}
     * answers with them. Close them with {@link Consumed#end}.
     */
    public Consumed consume(String queue, List<Envelope> messages, Map<UUID, String> headerTraceparents) {
        List<Span> spans = new ArrayList<>(messages.size());
        Set<String> traces = new LinkedHashSet<>();
        List<SpanContext> parents = new ArrayList<>(messages.size());
        for (Envelope envelope : messages) {
            String traceparent = envelope.traceparent() != null ? envelope.traceparent()
                    : headerTraceparents.get(envelope.id());
            Context parent = parent(traceparent);
            SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
            parents.add(parentSpan);
            traces.add(parentSpan.isValid() ? parentSpan.getTraceId() : envelope.id().toString());
            Span span = tracer.spanBuilder(queue + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(parent)
                    .setAttribute(SYSTEM, "rabbitmq")
                    .setAttribute(OPERATION, "process")
                    .setAttribute(DESTINATION, queue)
                    .setAttribute(MESSAGE_ID, envelope.id().toString())
                    .setAttribute(MESSAGE_TYPE, envelope.type())
                    .setAttribute(SOURCE, envelope.source())
                    .setAttribute(ORDER_ID, envelope.correlationId())
                    .startSpan();
            spans.add(span);
            applying.put(envelope.id(), span);
        }
        Span batch = null;
        if (traces.size() > 1) {
            SpanBuilder builder = tracer.spanBuilder(queue + " batch")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setNoParent()
                    .setAttribute(SYSTEM, "rabbitmq")
                    .setAttribute(DESTINATION, queue)
                    .setAttribute(BATCH_SIZE, (long) messages.size());
            parents.stream().filter(SpanContext::isValid).forEach(builder::addLink);
            batch = builder.startSpan();
            for (Span span : spans) {
                span.addLink(batch.getSpanContext());
            }
        }
        return new Consumed(messages, spans, batch);
    }

    /** Adds an event (a saga decision, a compensation) to the open consumer span of message {@code messageId}. */
    public void event(UUID messageId, String name, Attributes attributes) {
        Span span = messageId == null ? null : applying.get(messageId);
        (span != null ? span : Span.current()).addEvent(name, attributes);
    }

    /**
     * A span of its own in the trace {@code traceparent} names (a new trace if null), for work that belongs to that
     * trace but was not caused by one of its messages: a deadline expiry, a cancellation. It links to the current span
     * (the request that asked for it) if there is one. The caller ends it.
     */
    public Span start(String name, String traceparent, Attributes attributes) {
        return tracer.spanBuilder(name).setParent(parent(traceparent)).addLink(Span.current().getSpanContext())
                .setAllAttributes(attributes).startSpan();
    }

    /** Runs {@code log} with the message's trace, order and message ids in the MDC. */
    public void logging(Envelope envelope, Runnable log) {
        Span span = applying.get(envelope.id());
        SpanContext context = span != null ? span.getSpanContext()
                : Span.fromContext(parent(envelope.traceparent())).getSpanContext();
        withMdc(context, envelope.correlationId(), envelope.id().toString(), log);
    }

    /** Runs {@code log} with the given ids in the MDC (any of them may be null). */
    public static void withMdc(SpanContext context, String orderId, String messageId, Runnable log) {
        boolean traced = context != null && context.isValid();
        if (traced) {
            MDC.put("traceId", context.getTraceId());
            MDC.put("spanId", context.getSpanId());
        }
        if (orderId != null) {
            MDC.put("orderId", orderId);
        }
        if (messageId != null) {
            MDC.put("messageId", messageId);
        }
        try {
            log.run();
        } finally {
            MDC.remove("traceId");
            MDC.remove("spanId");
            MDC.remove("orderId");
            MDC.remove("messageId");
        }
    }

    /** The consumer spans of one transaction over a batch of messages. */
    public final class Consumed {

        private final List<Envelope> messages;
        private final List<Span> spans;
        private final Span batch;

        private Consumed(List<Envelope> messages, List<Span> spans, Span batch) {
            this.messages = messages;
            this.spans = spans;
            this.batch = batch;
        }

        /** Ends every span: committed, or failed with {@code failure} (null for success). */
        public void end(Throwable failure) {
            for (int i = 0; i < spans.size(); i++) {
                Span span = spans.get(i);
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                }
                applying.remove(messages.get(i).id(), span);
                span.end();
            }
            if (batch != null) {
                if (failure != null) {
                    batch.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                }
                batch.end();
            }
        }
    }
}

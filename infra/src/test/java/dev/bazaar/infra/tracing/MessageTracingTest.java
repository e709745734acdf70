package dev.bazaar.infra.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.bazaar.events.Envelope;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The trace context a consumer continues and the one its handler's messages carry, on the OpenTelemetry SDK with every
 * span recorded and collected as it ends.
 */
class MessageTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final List<SpanData> ended = new ArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting(ended))).build();
    private final MessageTracing tracing = new MessageTracing(provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aConsumerSpanContinuesTheTraceItsMessageCarriesAndTheRepliesItCausesCarryThatSpan() {
        Envelope message = envelope("00-" + TRACE + "-00f067aa0ba902b7-01", "order-1");

        MessageTracing.Consumed consumed = tracing.consume("catalog.stock-commands", List.of(message), Map.of());
        String reply = tracing.traceparentFor(message.id());
        consumed.end(null);

        SpanData span = ended.get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getName()).isEqualTo("catalog.stock-commands process");
        assertThat(span.getAttributes().get(MessageTracing.ORDER_ID)).isEqualTo("order-1");
        assertThat(span.getAttributes().get(MessageTracing.MESSAGE_ID)).isEqualTo(message.id().toString());
        assertThat(reply).isEqualTo("00-" + TRACE + "-" + span.getSpanId() + "-01");
        assertThat(tracing.traceparentFor(message.id())).as("after the span ended, outside any span").isNull();
    }

    @Test
    void theAmqpHeaderGivesTheTraceWhenTheEnvelopeCarriesNone() {
        Envelope message = envelope(null, "order-2");

        tracing.consume("user.credit-commands", List.of(message),
                Map.of(message.id(), "00-" + OTHER_TRACE + "-b7ad6b7169203331-01")).end(null);

        assertThat(ended.get(0).getTraceId()).isEqualTo(OTHER_TRACE);
        assertThat(ended.get(0).getParentSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void aBatchOfSeveralTracesGetsABatchSpanLinkedToEachMessageAndEachMessageStaysInItsOwnTrace() {
        Envelope first = envelope("00-" + TRACE + "-00f067aa0ba902b7-01", "order-3");
        Envelope second = envelope("00-" + OTHER_TRACE + "-b7ad6b7169203331-01", "order-4");

        tracing.consume("ordering.stock-replies", List.of(first, second), Map.of()).end(null);

        SpanData batch = ended.stream().filter(span -> span.getName().endsWith(" batch")).findFirst().orElseThrow();
        assertThat(batch.getLinks()).extracting(link -> link.getSpanContext().getTraceId())
                .containsExactlyInAnyOrder(TRACE, OTHER_TRACE);
        List<SpanData> messages = ended.stream().filter(span -> span.getName().endsWith(" process")).toList();
        assertThat(messages).extracting(SpanData::getTraceId).containsExactlyInAnyOrder(TRACE, OTHER_TRACE);
        assertThat(messages).allSatisfy(span -> assertThat(span.getLinks()).extracting(LinkData::getSpanContext)
                .containsExactly(batch.getSpanContext()));
    }

    @Test
    void aFailedTransactionMarksEveryMessageSpanAsAnErrorAndEventsGoToTheirMessagesSpan() {
        Envelope message = envelope("00-" + TRACE + "-00f067aa0ba902b7-01", "order-5");

        MessageTracing.Consumed consumed = tracing.consume("user.credit-commands", List.of(message), Map.of());
        tracing.event(message.id(), "saga received credit.reserve", Attributes.of(MessageTracing.ORDER_ID, "order-5"));
        consumed.end(new IllegalStateException("relation credit_hold does not exist"));

        SpanData span = ended.get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).extracting(event -> event.getName())
                .contains("saga received credit.reserve", "exception");
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() {
        Envelope message = envelope(null, "order-6");

        tracing.consume("cart.order-outcomes", List.of(message), Map.of(message.id(), "not-a-traceparent")).end(null);

        assertThat(ended.get(0).getParentSpanId()).isEqualTo("0000000000000000");
        assertThat(ended.get(0).getTraceId()).isNotIn(TRACE, OTHER_TRACE);
    }

    private static Envelope envelope(String traceparent, String orderId) {
        return new Envelope(UUID.randomUUID(), "stock.reserve", 1, Instant.now(), "ordering", orderId, orderId, null,
                JsonNodeFactory.instance.objectNode(), traceparent);
    }

    /** Keeps every span as it ends. */
    private record Collecting(List<SpanData> spans) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}

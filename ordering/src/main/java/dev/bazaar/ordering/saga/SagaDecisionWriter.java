package dev.bazaar.ordering.saga;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.tracing.MessageTracing;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.infrastructure.OrderRepository;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Carries out a {@link SagaDecision} in the caller's transaction: the order row, the saga log and the outbox rows
 * commit together or not at all, so a message is sent exactly when the state change that explains it is stored.
 * Every message goes to ordering.events with the order id as aggregate and correlation id.
 */
@ApplicationScoped
public class SagaDecisionWriter {

    private final OrderRepository orders;
    private final SagaStepRepository steps;
    private final Outbox outbox;
    private final MessageTracing tracing;

    SagaDecisionWriter(OrderRepository orders, SagaStepRepository steps, Outbox outbox, MessageTracing tracing) {
        this.orders = orders;
        this.steps = steps;
        this.outbox = outbox;
        this.tracing = tracing;
    }

    /**
     * @param causationId the message the decision answers, or null for a request or a cancel
     * @return the order as stored
     */
    public Uni<Order> write(SagaDecision decision, UUID causationId, Instant now) {
        return write(decision, causationId, SagaTrace.of(tracing, causationId), now);
    }

    /** Writes a decision no message caused, such as a deadline expiry, traced as events of {@code span}. */
    public Uni<Order> writeInSpan(SagaDecision decision, Span span, Instant now) {
        return write(decision, null, SagaTrace.in(tracing, span), now);
    }

    private Uni<Order> write(SagaDecision decision, UUID causationId, SagaTrace trace, Instant now) {
        Order order = decision.after();
        if (decision.isNothing()) {
            return Uni.createFrom().item(order);
        }
        Uni<Void> stored;
        if (decision.createsOrder()) {
            stored = orders.insert(order, now, trace.traceparent());
        } else if (decision.changesOrder()) {
            stored = orders.update(decision.before(), order, now);
        } else {
            stored = Uni.createFrom().voidItem();
        }
        // The messages go to the outbox one after the other; then the saga log of this decision (its transitions,
        // then one "sent" step per message) in one insert.
        return stored
                .chain(() -> Multi.createFrom().iterable(decision.messages())
                        .onItem().transformToUniAndConcatenate(message -> send(order, message, causationId, trace, now))
                        .collect().asList())
                .chain(sent -> steps.append(order.id(),
                        Stream.concat(decision.steps().stream(), sent.stream()).toList()))
                .invoke(() -> log(decision, causationId, trace)).replaceWith(order);
    }

    /** Queues the message in the outbox; returns the saga step that records it. */
    private <P> Uni<SagaStep> send(Order order, OutgoingMessage<P> message, UUID causationId, SagaTrace trace,
            Instant now) {
        String orderId = order.id().toString();
        return outbox.enqueue(message.type(), message.payload(), orderId, orderId, causationId, trace.traceparent())
                .invoke(envelope -> trace.sent(orderId, message.type().type(), envelope.id()))
                .map(envelope -> new SagaStep(now, "sent " + message.type().type(), envelope.id(), message.detail()));
    }

    private void log(SagaDecision decision, UUID causationId, SagaTrace trace) {
        Order order = decision.after();
        for (SagaStep step : decision.steps()) {
            trace.step(order.id().toString(), step);
            Log.infof("Order %s: %s%s%s", order.id(), step.step(),
                    step.detail() == null ? "" : " (" + step.detail() + ")",
                    causationId == null ? "" : " [message " + causationId + "]");
        }
        if (!decision.messages().isEmpty()) {
            // the saga step log has every message sent, with its id; one INFO line per transition is enough here
            Log.debugf("Order %s: sent %s", order.id(), decision.messages().stream()
                    .map(message -> message.type().type()).toList());
        }
    }
}

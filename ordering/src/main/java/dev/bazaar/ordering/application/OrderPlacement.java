package dev.bazaar.ordering.application;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.cart.CartCheckedOut;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.infra.outbox.PublishAfterCommit;
import dev.bazaar.infra.persistence.SqlTransactions;
import dev.bazaar.infra.tracing.MessageTracing;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.saga.DecisionClock;
import dev.bazaar.ordering.saga.OrderSaga;
import dev.bazaar.ordering.saga.SagaBatch;
import dev.bazaar.ordering.saga.SagaStep;
import dev.bazaar.ordering.saga.SagaStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Creates orders and starts their saga: from checked-out carts (a batch of events) or from POST /orders. */
@ApplicationScoped
public class OrderPlacement {

    private final SagaStore store;
    private final OrderSaga saga;
    private final DecisionClock clock;
    private final SqlTransactions transactions;
    private final Outbox outbox;
    private final IdempotencyKeys idempotency;
    private final PublishAfterCommit publishAfterCommit;
    private final MessageTracing tracing;

    OrderPlacement(SagaStore store, OrderSaga saga, DecisionClock clock, SqlTransactions transactions, Outbox outbox,
            IdempotencyKeys idempotency, PublishAfterCommit publishAfterCommit, MessageTracing tracing) {
        this.tracing = tracing;
        this.store = store;
        this.saga = saga;
        this.clock = clock;
        this.transactions = transactions;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.publishAfterCommit = publishAfterCommit;
    }

    /**
     * An order placed directly by a customer; its id is new. The order, its lines, its saga log, its first command
     * and the Idempotency-Key's stored response are decided in memory and written in one transaction, sent back to
     * back with its BEGIN and COMMIT (one round trip); the response is built from memory too (what a read right after
     * the commit would return). A repeated key answers the first response and places nothing.
     *
     * @param respond the HTTP response for the order as stored, with its saga log
     */
    public Uni<StoredResponse> place(UUID customerId, List<OrderLine> lines, String idempotencyKey,
            String fingerprint, Function<OrderDetails, StoredResponse> respond) {
        Order order = Order.place(UUID.randomUUID(), customerId, null, lines);
        OutboxBatch messages = outbox.batch();
        SagaBatch batch = new SagaBatch(Map.of(), messages, tracing, clock.now());
        batch.record(saga.start(order, "placed via POST /orders", null, batch.now()), null);
        StoredResponse response = respond.apply(new OrderDetails(
                new OrderRecord(batch.order(order.id()), batch.now(), batch.now()), batch.steps(order.id())));
        return idempotency.once(transactions, "orders:" + customerId, idempotencyKey, fingerprint, response,
                        transaction -> Uni.join().all(batch.write(store, transaction), messages.insert(transaction))
                                .andFailFast().replaceWithVoid())
                .invoke(outcome -> {
                    if (outcome.ran()) {
                        publishAfterCommit.publishInBackground(messages);
                    }
                })
                .map(IdempotencyKeys.Outcome::response);
    }

    /**
     * The orders of checked-out carts, with the ids cart generated, a batch at a time on the batch's transaction. A
     * second event for an order (a replay, or cart publishing again) finds it and only logs that it was ignored; two
     * replicas racing each other both insert, the primary key fails one batch, and its retry finds the order.
     */
    public Uni<Void> checkedOut(SqlConnection transaction, List<Received<CartCheckedOut>> events,
            OutboxBatch outbox) {
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.payload().orderId()));
        return store.existing(transaction, ids).invoke(existing -> {
            SagaBatch batch = new SagaBatch(Map.of(), outbox, tracing, clock.now());
            Set<UUID> known = new HashSet<>(existing);
            for (Received<CartCheckedOut> received : events) {
                CartCheckedOut event = received.payload();
                Envelope envelope = received.envelope();
                if (!known.add(event.orderId())) {
                    Log.infof("Order %s exists already: cart.checked-out %s ignored", event.orderId(),
                            envelope.id());
                    batch.step(event.orderId(), new SagaStep(batch.now(), "ignored "
                            + Contracts.CART_CHECKED_OUT.type(), envelope.id(),
                            "the order exists already (cart " + event.cartId() + ")"));
                    continue;
                }
                String origin = "checked out from cart " + event.cartId();
                batch.record(saga.start(fromCart(event), origin, envelope.id(), batch.now()), envelope);
            }
            outbox.writeWithCommit(batch.write(store, transaction));
        }).replaceWithVoid();
    }

    private static Order fromCart(CartCheckedOut event) {
        try {
            List<OrderLine> lines = event.lines().stream()
                    .map(line -> OrderLine.requested(line.productId(), line.quantity()))
                    .toList();
            return Order.place(event.orderId(), event.customerId(), event.cartId(), lines);
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new RejectedMessageException("cart.checked-out for order " + event.orderId()
                    + " cannot become an order: " + e.getMessage());
        }
    }
}

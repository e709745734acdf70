/**
 * The order saga: how ordering takes an order from PENDING to CONFIRMED, or compensates and rejects it, by messages
 * to catalog and user. Everything the saga decides, stores, sends, times out and reports lives here.
 *
 * <h2>States and steps</h2>
 * An order ({@link dev.bazaar.ordering.domain.Order}, the aggregate) is PENDING once placed, and ordering sends
 * {@code stock.reserve}. Catalog answers {@code stock.reserved} (with its prices and total, which become the order's)
 * and the order is STOCK_RESERVED, or {@code stock.rejected} and it is REJECTED. From STOCK_RESERVED ordering sends
 * {@code credit.reserve} for the total; user answers {@code credit.reserved} and the order is CONFIRMED (ordering
 * sends {@code stock.commit}, {@code credit.capture} and {@code order.confirmed}), or {@code credit.rejected} and it
 * is REJECTED. A confirmed order can be cancelled: it is CANCELLING until both {@code stock.released} and
 * {@code credit.released} arrived, then CANCELLED. Every REJECTED order is announced with {@code order.rejected},
 * every CANCELLED one with {@code order.cancelled}.
 *
 * <h2>Compensations</h2>
 * What a participant holds for a rejected order is released: a credit rejection releases the stock, a missed credit
 * deadline releases both stock and credit (the hold may exist and its reply be lost; releasing an unknown hold is a
 * no-op for the participant). A reservation that arrives after its order was rejected is released again at once.
 * A cancellation is the compensation of a confirmed order: the stock goes back to the shelf and the captured credit
 * is refunded.
 *
 * <h2>Deadlines</h2>
 * PENDING, STOCK_RESERVED and CANCELLING await a reply and carry a deadline in the orders table
 * ({@code bazaar.saga.stock-deadline}, {@code credit-deadline}, {@code cancel-retry}). The sweeper rejects an order
 * whose reservation reply is overdue, naming the silent participant, and compensates; a cancellation never gives
 * up: its missing releases are sent again with a new deadline.
 *
 * <h2>Which input is valid in which state</h2>
 * The aggregate owns the edges: {@link dev.bazaar.ordering.domain.OrderStatus#canMoveTo} says which state may follow
 * which, and {@code Order} throws {@link dev.bazaar.ordering.domain.IllegalOrderTransitionException} for any other
 * move, whoever asks. {@link OrderSaga} owns which input takes which edge: each of its methods is one switch over the
 * order's state, one row of this table. "ignored" is logged and changes nothing (a duplicate or a late answer);
 * "refused" throws {@code IllegalOrderTransitionException}, and the message is dead-lettered with that reason (a
 * cancel answers 409); "counted" records one release (a second copy of it is ignored), and the second of the two
 * releases makes the order CANCELLED.
 * <pre>
 * input            PENDING         STOCK_RESERVED   CONFIRMED    REJECTED          CANCELLING         CANCELLED
 * stock.reserved   STOCK_RESERVED  ignored          ignored      release again     ignored            ignored
 * stock.rejected   REJECTED        refused          refused      ignored           ignored            ignored
 * credit.reserved  refused         CONFIRMED        ignored      release again     ignored            ignored
 * credit.rejected  refused         REJECTED         refused      ignored           ignored            ignored
 * stock.released   refused         refused          refused      ignored           counted            ignored
 * credit.released  refused         refused          refused      ignored           counted            ignored
 * deadline         REJECTED        REJECTED         -            -                 send again         -
 * cancel           refused         refused          CANCELLING   refused           nothing            nothing
 * </pre>
 * The two rule sets stay in two classes on purpose: the edges are the order's invariant and hold for any caller,
 * while the table above is the saga's protocol with catalog and user, and needs the message types.
 *
 * <h2>Reading order</h2>
 * <ol>
 * <li>{@link OrderSaga}: every decision, pure Java (the table above); {@link SagaDecision} is what it returns,
 * built by {@link DecisionBuilder}: the order's next value, the {@link SagaStep}s to log and the
 * {@link OutgoingMessage}s to send, made by {@link SagaMessages}. {@link ReservedPrices} checks catalog's prices.</li>
 * <li>{@link SagaDeadlines}, {@link SagaConfig} and {@link SagaProducer}: the deadlines and how the saga is wired to
 * them; {@link DecisionClock}: the time of a decision.</li>
 * <li>{@link SagaReplies}: the message handlers of catalog's and user's replies, a batch at a time;
 * {@link SagaBatch} applies a batch's decisions in memory and {@link SagaStore} locks and writes them with plain
 * SQL, one statement per table.</li>
 * <li>{@link SagaDecisionWriter}: writes one decision in a Panache transaction (a cancel, a deadline), with
 * {@link SagaStepRepository} and {@link SagaStepEntity} for the saga step log.</li>
 * <li>{@link DeadlineSweeper}: the timer.</li>
 * <li>{@link SagaTrace}, {@link SagaMilestone}, {@link SagaMetrics} and {@link SagaTimeline}: how a decision shows
 * in traces, metrics and the operator console.</li>
 * </ol>
 * The saga is started by {@link dev.bazaar.ordering.application.OrderPlacement} ({@code POST /orders} and
 * {@code cart.checked-out}) and a cancellation by {@link dev.bazaar.ordering.application.OrderCancellation};
 * {@code infrastructure.MessageQueues} routes the replies to {@link SagaReplies}. The tests are in the same package:
 * {@code OrderSagaTest} (the decisions as given/expect scripts), {@code SagaFlowTest} (end to end over the
 * broker and database) and {@code SagaConcurrencyTest} (replies racing the sweeper).
 */
package dev.bazaar.ordering.saga;

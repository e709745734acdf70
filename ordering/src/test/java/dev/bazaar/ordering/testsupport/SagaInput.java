package dev.bazaar.ordering.saga;

import java.time.Instant;

import dev.bazaar.ordering.domain.Order;

/** One thing that happens to an order, fed to the saga by a {@link SagaScript}. */
@FunctionalInterface
interface SagaInput {

    SagaDecision feed(OrderSaga saga, Order order, Instant now);
}

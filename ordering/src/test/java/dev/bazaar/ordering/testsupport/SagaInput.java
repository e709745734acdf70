package dev.bazaar.ordering.testsupport;

import java.time.Instant;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.saga.OrderSaga;
import dev.bazaar.ordering.saga.SagaDecision;

/** One thing that happens to an order, fed to the saga by a {@link SagaScript}. */
@FunctionalInterface
public interface SagaInput {

    SagaDecision feed(OrderSaga saga, Order order, Instant now);
}

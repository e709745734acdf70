package dev.bazaar.ordering.infrastructure;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.bazaar.ordering.application.OrderSaga;
import dev.bazaar.ordering.application.SagaDeadlines;

/** Wires the framework-free saga to its configuration, and the clock every decision reads. */
public class SagaProducer {

    @Produces
    @Singleton
    OrderSaga orderSaga(SagaConfig config) {
        return new OrderSaga(new SagaDeadlines(config.stockDeadline(), config.creditDeadline(), config.cancelRetry()));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

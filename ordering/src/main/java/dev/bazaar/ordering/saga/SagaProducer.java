package dev.bazaar.ordering.saga;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;


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

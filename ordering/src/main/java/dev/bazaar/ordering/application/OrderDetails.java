package dev.bazaar.ordering.application;

import java.util.List;

import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.saga.SagaStep;

/** One order with its saga log, as an operator or its customer reads it. */
public record OrderDetails(OrderRecord record, List<SagaStep> steps) {
}

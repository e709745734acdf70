package dev.bazaar.ordering.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.bazaar.ordering.domain.OrderLine;

/** Body of POST /orders. Lines naming the same product are added up. */
public record PlaceOrderRequest(
        @NotNull
        @Size(min = 1, max = OrderResource.MAX_LINES)
        List<@Valid @NotNull OrderLineRequest> lines) {

    List<OrderLine> orderLines() {
        return lines.stream().map(line -> OrderLine.requested(line.productId(), line.quantity())).toList();
    }

    /** The request in canonical form (merged per product, sorted), to recognise a retry of it. */
    String fingerprint() {
        return OrderLine.merge(orderLines()).stream()
                .sorted(Comparator.comparing(OrderLine::productId))
                .map(line -> line.productId() + "x" + line.quantity())
                .collect(Collectors.joining(","));
    }
}

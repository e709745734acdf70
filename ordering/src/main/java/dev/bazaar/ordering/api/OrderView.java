package dev.bazaar.ordering.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.ordering.application.OrderDetails;
import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderStatus;

/** An order with its saga log. Money is a decimal string, as on the broker; total is null until stock is reserved. */
public record OrderView(
        UUID id,
        UUID customerId,
        UUID cartId,
        OrderStatus status,
        List<OrderLineView> lines,
        @Schema(type = SchemaType.STRING, example = "120.00", nullable = true)
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal total,
        String rejectionReason,
        Instant createdAt,
        Instant updatedAt,
        List<SagaStepView> steps) {

    static OrderView of(OrderDetails details) {
        Order order = details.record().order();
        return new OrderView(order.id(), order.customerId(), order.cartId(), order.status(),
                order.lines().stream().map(OrderLineView::of).toList(), order.total(), order.rejectionReason(),
                details.record().createdAt(), details.record().updatedAt(),
                details.steps().stream().map(SagaStepView::of).toList());
    }
}

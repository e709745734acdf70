package dev.bazaar.ordering.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.domain.OrderStatus;

/** An order in a list: everything but the saga log. */
public record OrderSummaryView(
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
        Instant updatedAt) {

    static OrderSummaryView of(OrderRecord record) {
        Order order = record.order();
        return new OrderSummaryView(order.id(), order.customerId(), order.cartId(), order.status(),
                order.lines().stream().map(OrderLineView::of).toList(), order.total(), order.rejectionReason(),
                record.createdAt(), record.updatedAt());
    }
}

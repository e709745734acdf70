package dev.bazaar.ordering.api;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.ordering.domain.OrderLine;

/** A line of an order; sku and unit price are null until catalog reserved the stock. */
public record OrderLineView(
        UUID productId,
        String sku,
        int quantity,
        @Schema(type = SchemaType.STRING, example = "12.50", nullable = true)
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal unitPrice) {

    static OrderLineView of(OrderLine line) {
        return new OrderLineView(line.productId(), line.sku(), line.quantity(), line.unitPrice());
    }
}

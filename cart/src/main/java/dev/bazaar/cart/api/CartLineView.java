package dev.bazaar.cart.api;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.cart.domain.PricedLine;

/** One line of a cart, priced with the product's current price. Money is a decimal string ("12.50"). */
public record CartLineView(
        UUID productId,
        String sku,
        String name,
        @Schema(type = SchemaType.STRING, example = "12.50")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal unitPrice,
        int quantity,
        @Schema(type = SchemaType.STRING, example = "25.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal lineTotal) {

    static CartLineView of(PricedLine line) {
        return new CartLineView(line.productId(), line.sku(), line.name(), line.unitPrice(), line.quantity(),
                line.lineTotal());
    }
}

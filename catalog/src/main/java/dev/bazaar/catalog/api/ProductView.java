package dev.bazaar.catalog.api;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.catalog.domain.Product;

/** A product as clients see it. Money is a decimal string ("12.50"), as on the broker, so no client parses a float. */
public record ProductView(
        UUID id,
        String sku,
        String name,
        @Schema(type = SchemaType.STRING, example = "12.50")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal price,
        @Schema(description = "Units on hand that can still be ordered")
        int available) {

    static ProductView of(Product product) {
        return new ProductView(product.id(), product.sku(), product.name(), product.price(), product.available());
    }
}

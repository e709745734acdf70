package dev.bazaar.catalog.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

public record CreateProductRequest(
        @Schema(example = "SKU-12")
        @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must start with a letter or digit and contain only letters, digits, '.', '_' and '-'")
        String sku,

        @Schema(example = "Espresso cup")
        @NotBlank
        @Size(max = 200)
        String name,

        @Schema(type = SchemaType.STRING, example = "12.50")
        @NotNull
        @Positive
        @Digits(integer = 10, fraction = 2)
        BigDecimal price,

        @Schema(example = "100")
        @NotNull
        @PositiveOrZero
        @Max(ProductResource.MAX_QUANTITY)
        Integer initialStock) {
}

package dev.bazaar.catalog.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

public record ChangePriceRequest(
        @Schema(type = SchemaType.STRING, example = "11.90")
        @NotNull
        @Positive
        @Digits(integer = 10, fraction = 2)
        BigDecimal price) {
}

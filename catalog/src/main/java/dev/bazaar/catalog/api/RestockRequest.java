package dev.bazaar.catalog.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public record RestockRequest(
        @Schema(example = "25")
        @NotNull
        @Min(1)
        @Max(ProductResource.MAX_QUANTITY)
        Integer quantity) {
}

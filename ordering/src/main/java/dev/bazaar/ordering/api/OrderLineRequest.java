package dev.bazaar.ordering.api;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One product and how many of it. */
public record OrderLineRequest(
        @NotNull
        UUID productId,

        @Schema(example = "2")
        @NotNull
        @Min(1)
        @Max(OrderResource.MAX_QUANTITY)
        Integer quantity) {
}

package dev.bazaar.user.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /users/{id}/credit/top-ups}: whole cents, more than zero ("25.00" or 25.00). */
public record TopUpRequest(
        @Schema(type = SchemaType.STRING, example = "25.00")
        @NotNull
        @Positive
        @Digits(integer = 12, fraction = 2)
        BigDecimal amount) {
}

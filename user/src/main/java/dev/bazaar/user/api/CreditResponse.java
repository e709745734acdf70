package dev.bazaar.user.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.user.domain.CreditAccount;

/**
 * A user's money: spendable, held for pending orders, and charged for confirmed ones. Money is a decimal string
 * ("12.50"), as on the broker, so no client parses a float.
 */
public record CreditResponse(
        @Schema(type = SchemaType.STRING, example = "80.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal balance,
        @Schema(type = SchemaType.STRING, example = "20.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal held,
        @Schema(type = SchemaType.STRING, example = "0.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal captured) {

    static CreditResponse of(CreditAccount account) {
        return new CreditResponse(account.balance(), account.held(), account.captured());
    }
}

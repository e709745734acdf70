package dev.bazaar.user.api;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.user.domain.CreditAccount;

/** The account after a top-up; money as decimal strings ("12.50"). */
public record CreditAccountResponse(
        UUID customerId,
        @Schema(type = SchemaType.STRING, example = "100.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal balance,
        @Schema(type = SchemaType.STRING, example = "0.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal held,
        @Schema(type = SchemaType.STRING, example = "0.00")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal captured) {

    static CreditAccountResponse of(CreditAccount account) {
        return new CreditAccountResponse(account.customerId(), account.balance(), account.held(),
                account.captured());
    }
}

package dev.bazaar.infra.it;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.ProblemException;
import dev.bazaar.infra.http.StoredResponse;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** HTTP side of the probe application: an idempotent create command, validated, with problem details. */
@Path("/probe/products")
@PermitAll
public class ProbeResource {

    private final ProbeCommands commands;
    private final IdempotencyKeys idempotency;

    ProbeResource(ProbeCommands commands, IdempotencyKeys idempotency) {
        this.commands = commands;
        this.idempotency = idempotency;
    }

    /** Request body of the probe command. */
    public record NewProduct(@NotBlank String sku, @NotNull @DecimalMin("0.01") BigDecimal price) {
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull NewProduct body) {
        if (body.sku().equals("TAKEN")) {
            throw ProblemException.conflict("Duplicate SKU", "SKU TAKEN exists already");
        }
        UUID id = UUID.randomUUID();
        return idempotency.once("probe", key, body.sku() + "|" + body.price(), () -> commands
                        .announce(new ProductCreated(id, body.sku(), "Probe", body.price()))
                        .map(envelope -> new StoredResponse(201, "/probe/products/" + id,
                                "{\"id\":\"" + id + "\",\"sku\":\"" + body.sku() + "\"}")))
                .map(StoredResponse::toResponse);
    }
}

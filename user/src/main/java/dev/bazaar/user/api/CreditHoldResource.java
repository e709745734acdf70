package dev.bazaar.user.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.user.application.CreditHoldNotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** An order's credit hold as the user service sees it, for the operator console. Admins only. */
@Path("/admin/credit-holds")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class CreditHoldResource {

    private static final String HOLD = "select order_id, customer_id, amount, status, reason, available, created_at, "
            + "updated_at from credit_hold where order_id = $1";

    private final Pool pool;

    CreditHoldResource(Pool pool) {
        this.pool = pool;
    }

    /** HELD, CAPTURED, RELEASED, REFUNDED or REJECTED (with the reason and what was available). */
    public record CreditHoldView(UUID orderId, UUID customerId,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String status, String reason,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal available, Instant createdAt,
            Instant updatedAt) {
    }

    @GET
    @Path("{orderId}")
    @Operation(summary = "The credit hold of an order", description = "404 when the user service never heard of it.")
    public Uni<CreditHoldView> creditHold(@RestPath UUID orderId) {
        return pool.preparedQuery(HOLD).execute(Tuple.of(orderId)).map(rows -> {
            if (rows.size() == 0) {
                throw new CreditHoldNotFoundException(orderId);
            }
            Row row = rows.iterator().next();
            return new CreditHoldView(row.getUUID("order_id"), row.getUUID("customer_id"),
                    row.getBigDecimal("amount"), row.getString("status"), row.getString("reason"),
                    row.getBigDecimal("available"), row.getOffsetDateTime("created_at").toInstant(),
                    row.getOffsetDateTime("updated_at").toInstant());
        });
    }
}

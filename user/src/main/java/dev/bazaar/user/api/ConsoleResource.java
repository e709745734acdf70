package dev.bazaar.user.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.infra.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the operator console asks the user service: who has an e-mail address (to find their orders), and an order's
 * credit hold as this service sees it. Read straight from the pool, off the message path.
 */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class ConsoleResource {

    private static final String CUSTOMER = "select id, email, name, role, created_at from customer "
            + "where lower(email) = $1";
    private static final String HOLD = "select order_id, customer_id, amount, status, reason, available, created_at, "
            + "updated_at from credit_hold where order_id = $1";

    private final Pool pool;

    ConsoleResource(Pool pool) {
        this.pool = pool;
    }

    /** A customer found by e-mail. */
    public record CustomerView(UUID id, String email, String name, String role, Instant createdAt) {
    }

    /** HELD, CAPTURED, RELEASED, REFUNDED or REJECTED (with the reason and what was available). */
    public record CreditHoldView(UUID orderId, UUID customerId,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String status, String reason,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal available, Instant createdAt,
            Instant updatedAt) {
    }

    @GET
    @Path("customers")
    @Operation(summary = "The customer with this e-mail address (any case)", description = "404 if there is none.")
    public Uni<CustomerView> customerByEmail(@RestQuery String email) {
        if (email == null || email.isBlank()) {
            throw new ProblemException(400, "Bad Request", "email is required");
        }
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return pool.preparedQuery(CUSTOMER).execute(Tuple.of(wanted)).map(rows -> {
            if (rows.size() == 0) {
                throw new ProblemException(404, "Customer not found", "No customer with e-mail " + wanted);
            }
            Row row = rows.iterator().next();
            return new CustomerView(row.getUUID("id"), row.getString("email"), row.getString("name"),
                    row.getString("role"), row.getOffsetDateTime("created_at").toInstant());
        });
    }

    @GET
    @Path("credit-holds/{orderId}")
    @Operation(summary = "The credit hold of an order", description = "404 when the user service never heard of it.")
    public Uni<CreditHoldView> creditHold(@RestPath UUID orderId) {
        return pool.preparedQuery(HOLD).execute(Tuple.of(orderId)).map(rows -> {
            if (rows.size() == 0) {
                throw new ProblemException(404, "Credit hold not found",
                        "The user service holds no credit for order " + orderId);
            }
            Row row = rows.iterator().next();
            return new CreditHoldView(row.getUUID("order_id"), row.getUUID("customer_id"),
                    row.getBigDecimal("amount"), row.getString("status"), row.getString("reason"),
                    row.getBigDecimal("available"), row.getOffsetDateTime("created_at").toInstant(),
                    row.getOffsetDateTime("updated_at").toInstant());
        });
    }
}

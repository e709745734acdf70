package dev.bazaar.user.api;

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
import org.jboss.resteasy.reactive.RestQuery;

import dev.bazaar.user.application.CustomerNotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The operator console's search by e-mail: who has this address, to find their orders. Admins only. */
@Path("/admin/customers")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class CustomerLookupResource {

    private static final String CUSTOMER = "select id, email, name, role, created_at from customer "
            + "where lower(email) = $1";

    private final Pool pool;

    CustomerLookupResource(Pool pool) {
        this.pool = pool;
    }

    /** A customer found by e-mail. */
    public record CustomerView(UUID id, String email, String name, String role, Instant createdAt) {
    }

    @GET
    @Operation(summary = "The customer with this e-mail address (any case)", description = "404 if there is none.")
    public Uni<CustomerView> customerByEmail(@RestQuery String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidQueryException("email is required");
        }
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return pool.preparedQuery(CUSTOMER).execute(Tuple.of(wanted)).map(rows -> {
            if (rows.size() == 0) {
                throw new CustomerNotFoundException(wanted);
            }
            Row row = rows.iterator().next();
            return new CustomerView(row.getUUID("id"), row.getString("email"), row.getString("name"),
                    row.getString("role"), row.getOffsetDateTime("created_at").toInstant());
        });
    }
}

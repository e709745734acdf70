package dev.bazaar.user.api;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.bazaar.user.application.CustomerNotFoundException;
import dev.bazaar.user.infrastructure.ConsoleLookups;
import dev.bazaar.user.infrastructure.ConsoleLookups.CustomerView;
import io.smallrye.mutiny.Uni;

/** The operator console's search by e-mail: who has this address, to find their orders. Admins only. */
@Path("/admin/customers")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class CustomerLookupResource {

    private final ConsoleLookups lookups;

    CustomerLookupResource(ConsoleLookups lookups) {
        this.lookups = lookups;
    }

    @GET
    @Operation(summary = "The customer with this e-mail address (any case)", description = "404 if there is none.")
    public Uni<CustomerView> customerByEmail(@RestQuery String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidQueryException("email is required");
        }
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return lookups.customerByEmail(wanted)
                .map(found -> found.orElseThrow(() -> new CustomerNotFoundException(wanted)));
    }
}

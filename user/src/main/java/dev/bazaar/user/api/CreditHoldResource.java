package dev.bazaar.user.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.bazaar.user.application.CreditHoldNotFoundException;
import dev.bazaar.user.infrastructure.ConsoleLookups;
import dev.bazaar.user.infrastructure.ConsoleLookups.CreditHoldView;
import io.smallrye.mutiny.Uni;

/** An order's credit hold as the user service sees it, for the operator console. Admins only. */
@Path("/admin/credit-holds")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class CreditHoldResource {

    private final ConsoleLookups lookups;

    CreditHoldResource(ConsoleLookups lookups) {
        this.lookups = lookups;
    }

    @GET
    @Path("{orderId}")
    @Operation(summary = "The credit hold of an order", description = "404 when the user service never heard of it.")
    public Uni<CreditHoldView> creditHold(@RestPath UUID orderId) {
        return lookups.creditHold(orderId)
                .map(found -> found.orElseThrow(() -> new CreditHoldNotFoundException(orderId)));
    }
}

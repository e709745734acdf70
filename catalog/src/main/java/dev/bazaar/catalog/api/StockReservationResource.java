package dev.bazaar.catalog.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.bazaar.catalog.application.StockReservationNotFoundException;
import dev.bazaar.catalog.infrastructure.StockReservationLookup;
import dev.bazaar.catalog.infrastructure.StockReservationLookup.Reservation;
import io.smallrye.mutiny.Uni;

/** An order's stock reservation as catalog sees it, for the operator console. Admins only. */
@Path("/admin/stock-reservations")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class StockReservationResource {

    private final StockReservationLookup reservations;

    StockReservationResource(StockReservationLookup reservations) {
        this.reservations = reservations;
    }

    @GET
    @Path("{orderId}")
    @Operation(summary = "The stock reservation of an order", description = "404 when catalog never heard of it.")
    public Uni<Reservation> get(@RestPath UUID orderId) {
        return reservations.find(orderId)
                .map(found -> found.orElseThrow(() -> new StockReservationNotFoundException(orderId)));
    }
}

package dev.bazaar.ordering.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.ordering.application.AccessDeniedException;
import dev.bazaar.ordering.application.OrderCancellation;
import dev.bazaar.ordering.application.OrderDetails;
import dev.bazaar.ordering.application.OrderPlacement;
import dev.bazaar.ordering.application.OrderQueries;
import dev.bazaar.ordering.application.Viewer;
import io.smallrye.mutiny.Uni;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrderResource {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1_000_000;

    private final OrderPlacement placement;
    private final OrderQueries queries;
    private final OrderCancellation cancellation;
    private final ObjectMapper json;
    private final JsonWebToken token;

    OrderResource(OrderPlacement placement, OrderQueries queries, OrderCancellation cancellation,
            ObjectMapper json, JsonWebToken token) {
        this.placement = placement;
        this.queries = queries;
        this.cancellation = cancellation;
        this.json = json;
        this.token = token;
    }

    @POST
    @RolesAllowed("customer")
    @Operation(summary = "Place an order",
            description = "Answers 202 at once with the PENDING order; the saga reserves stock, then credit, and the "
                    + "order ends CONFIRMED or REJECTED (poll GET /orders/{id}). A request repeated with the same "
                    + "Idempotency-Key returns the first response and places nothing new.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> place(@Valid @NotNull PlaceOrderRequest request,
            @RestHeader(IdempotencyKeys.HEADER) String idempotencyKey) {
        Viewer customer = viewer();
        return placement.place(customer.userId(), request.orderLines(), idempotencyKey, request.fingerprint(),
                        details -> new StoredResponse(Response.Status.ACCEPTED.getStatusCode(),
                                "/orders/" + details.record().order().id(), body(details)))
                .map(StoredResponse::toResponse);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"customer", "admin"})
    @Operation(summary = "Get an order with its saga log",
            description = "A customer sees only their own orders (another's answers 404); an administrator any.")
    public Uni<OrderView> get(@RestPath UUID id) {
        return queries.details(id, viewer()).map(OrderView::of);
    }

    @GET
    @RolesAllowed({"customer", "admin"})
    @Operation(summary = "List orders, newest first",
            description = "A customer's own orders; an administrator sees all, or one customer's with customerId.")
    public Uni<OrderPageView> list(@RestQuery @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size,
            @RestQuery UUID customerId) {
        return queries.list(viewer(), customerId, page, size).map(OrderPageView::of);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({"customer", "admin"})
    @Operation(summary = "Cancel a confirmed order",
            description = "Answers 202 with the CANCELLING order; stock goes back and the credit is refunded, then "
                    + "the order is CANCELLED. Repeating it changes nothing; an order that is not confirmed answers "
                    + "409.")
    @APIResponse(responseCode = "202", description = "Cancellation under way (or done)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> cancel(@RestPath UUID id) {
        return cancellation.cancel(id, viewer()).map(details -> Response.accepted(OrderView.of(details)).build());
    }

    private Viewer viewer() {
        try {
            return new Viewer(UUID.fromString(token.getSubject()), token.getGroups().contains("admin"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AccessDeniedException("The token's subject is not a user id");
        }
    }

    private String body(OrderDetails details) {
        try {
            return json.writeValueAsString(OrderView.of(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order view not serializable", e);
        }
    }
}

package dev.bazaar.cart.api;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.cart.application.AccessDeniedException;
import dev.bazaar.cart.application.Carts;
import dev.bazaar.cart.application.CheckedOut;
import dev.bazaar.cart.application.Checkout;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's own cart: the customer is the token's subject, so nobody can reach another customer's cart. */
@Path("/carts/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"customer", "admin"})
@Tag(name = "Cart")
public class CartResource {

    /**
     * A checkout request has no body: what it means is "check out my cart", so every retry with the key is the same
     * request, also after the order closed the cart and the customer's current cart is another one.
     */
    private static final String CHECKOUT_FINGERPRINT = "checkout";

    private final Carts carts;
    private final Checkout checkout;
    private final ObjectMapper json;
    private final JsonWebToken token;

    CartResource(Carts carts, Checkout checkout, ObjectMapper json, JsonWebToken token) {
        this.carts = carts;
        this.checkout = checkout;
        this.json = json;
        this.token = token;
    }

    @GET
    @Operation(summary = "Show my cart", description = "Opens an empty cart on first use. Prices are the current ones.")
    public Uni<CartView> get() {
        return carts.current(customerId()).map(CartView::of);
    }

    @PUT
    @Path("items/{productId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the quantity of a product", description = "Adds the product if it is not in the cart.")
    @APIResponse(responseCode = "404", description = "The product is not known (yet)")
    @APIResponse(responseCode = "409", description = "The cart is checked out")
    public Uni<CartView> setQuantity(@RestPath UUID productId, @Valid @NotNull SetQuantityRequest request) {
        return carts.setQuantity(customerId(), productId, request.quantity()).map(CartView::of);
    }

    @DELETE
    @Path("items/{productId}")
    @Operation(summary = "Remove a product", description = "A product that is not in the cart is a no-op.")
    @APIResponse(responseCode = "409", description = "The cart is checked out")
    public Uni<CartView> remove(@RestPath UUID productId) {
        return carts.remove(customerId(), productId).map(CartView::of);
    }

    @DELETE
    @Operation(summary = "Empty my cart")
    @APIResponse(responseCode = "409", description = "The cart is checked out")
    public Uni<CartView> clear() {
        return carts.clear(customerId()).map(CartView::of);
    }

    @POST
    @Path("checkout")
    @Operation(summary = "Check out my cart",
            description = "Freezes the cart and starts an order with the returned id; follow it at Location. "
                    + "A retry with the same Idempotency-Key returns the first answer and starts nothing new.")
    @APIResponse(responseCode = "202", description = "The order is being placed")
    @APIResponse(responseCode = "409", description = "The cart is empty or already checked out")
    public Uni<Response> checkout(@RestHeader(IdempotencyKeys.HEADER) String idempotencyKey) {
        UUID customerId = customerId();
        return checkout.checkOut(customerId, idempotencyKey, CHECKOUT_FINGERPRINT, this::accepted)
                .map(StoredResponse::toResponse);
    }

    private StoredResponse accepted(CheckedOut checkedOut) {
        try {
            return new StoredResponse(Response.Status.ACCEPTED.getStatusCode(), "/orders/" + checkedOut.orderId(),
                    json.writeValueAsString(CheckoutView.of(checkedOut)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write checkout answer", e);
        }
    }

    private UUID customerId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AccessDeniedException("the token's subject is not a user id");
        }
    }
}

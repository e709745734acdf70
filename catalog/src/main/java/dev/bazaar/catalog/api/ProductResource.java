package dev.bazaar.catalog.api;

import java.util.UUID;

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

import dev.bazaar.catalog.application.CreateProduct;
import dev.bazaar.catalog.application.ProductCatalog;
import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    /** Upper bound for one stock movement, far below what the int counters hold. */
    static final int MAX_QUANTITY = 1_000_000;

    private final ProductCatalog catalog;
    private final JsonWebToken caller;
    private final ObjectMapper json;

    ProductResource(ProductCatalog catalog, JsonWebToken caller, ObjectMapper json) {
        this.catalog = catalog;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Add a product",
            description = "Announces product.created. A request repeated with the same Idempotency-Key gets the "
                    + "first response again and creates nothing; the same key with another body is refused (422).")
    @APIResponse(responseCode = "201", description = "Created; Location names the product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProductView.class)))
    public Uni<Response> create(@Valid @NotNull CreateProductRequest request,
            @RestHeader(IdempotencyKeys.HEADER) String idempotencyKey) {
        CreateProduct command = new CreateProduct(request.sku(), request.name(), request.price(),
                request.initialStock());
        return catalog.create(command, caller.getSubject(), idempotencyKey, json(request),
                        product -> new StoredResponse(201, "/products/" + product.id(), json(ProductView.of(product))))
                .map(StoredResponse::toResponse);
    }

    @GET
    @PermitAll
    @Operation(summary = "Search products", description = "q matches sku or name anywhere, ignoring case; sorted by sku.")
    public Uni<ProductPageView> search(@RestQuery @Size(max = 100) String q,
            @RestQuery @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size) {
        return catalog.search(q, page, size).map(ProductPageView::of);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "Get a product with its price and available stock")
    public Uni<ProductView> get(@RestPath UUID id) {
        return catalog.get(id).map(ProductView::of);
    }

    @PUT
    @Path("{id}/price")
    @RolesAllowed("admin")
    @Operation(summary = "Change the price", description = "Announces product.price-changed when the price differs.")
    public Uni<ProductView> reprice(@RestPath UUID id, @Valid @NotNull ChangePriceRequest request) {
        return catalog.reprice(id, request.price()).map(ProductView::of);
    }

    @POST
    @Path("{id}/restock")
    @RolesAllowed("admin")
    @Operation(summary = "Add stock on hand")
    public Uni<ProductView> restock(@RestPath UUID id, @Valid @NotNull RestockRequest request) {
        return catalog.restock(id, request.quantity()).map(ProductView::of);
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}

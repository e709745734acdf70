package dev.bazaar.catalog.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bazaar.catalog.application.DuplicateSkuException;
import dev.bazaar.catalog.application.InvalidProductException;
import dev.bazaar.catalog.application.ProductNotFoundException;
import dev.bazaar.catalog.application.StockReservationNotFoundException;
import dev.bazaar.infra.http.Problems;

/**
 * The one place catalog's exceptions become HTTP answers (RFC 9457 problem details); the domain and application
 * throw plain exceptions and know nothing of HTTP. Invalid or malformed requests are infra's {@code ProblemMappers}.
 */
public class CatalogProblems {

    @ServerExceptionMapper
    public Response productNotFound(ProductNotFoundException e, UriInfo uri) {
        return Problems.response(404, "Product not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response stockReservationNotFound(StockReservationNotFoundException e, UriInfo uri) {
        return Problems.response(404, "Stock reservation not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response duplicateSku(DuplicateSkuException e, UriInfo uri) {
        return Problems.response(409, "Duplicate sku", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response invalidProduct(InvalidProductException e, UriInfo uri) {
        return Problems.response(400, "Invalid product", e.getMessage(), uri);
    }
}

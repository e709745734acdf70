package dev.bazaar.ordering.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bazaar.infra.http.Problems;
import dev.bazaar.ordering.application.AccessDeniedException;
import dev.bazaar.ordering.application.OrderNotCancellableException;
import dev.bazaar.ordering.application.OrderNotFoundException;

/**
 * The one place ordering's exceptions become HTTP answers (RFC 9457 problem details); the domain, the saga and the
 * application throw plain exceptions and know nothing of HTTP. Invalid or malformed requests are infra's
 * {@code ProblemMappers}.
 */
public class OrderingProblems {

    @ServerExceptionMapper
    public Response orderNotFound(OrderNotFoundException e, UriInfo uri) {
        return Problems.response(404, "Order not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response notCancellable(OrderNotCancellableException e, UriInfo uri) {
        return Problems.response(409, "Order cannot be cancelled", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response accessDenied(AccessDeniedException e, UriInfo uri) {
        return Problems.response(403, "Forbidden", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e, UriInfo uri) {
        return Problems.response(400, "Bad Request", e.getMessage(), uri);
    }
}

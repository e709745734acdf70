package dev.bazaar.cart.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bazaar.cart.application.AccessDeniedException;
import dev.bazaar.cart.application.InvalidCartChangeException;
import dev.bazaar.cart.application.UnknownProductException;
import dev.bazaar.cart.domain.CartFullException;
import dev.bazaar.cart.domain.CartNotOpenException;
import dev.bazaar.cart.domain.CartRuleException;
import dev.bazaar.cart.domain.EmptyCartException;
import dev.bazaar.infra.http.Problems;

/**
 * The one place cart's exceptions become HTTP answers (RFC 9457 problem details); the domain and application throw
 * plain exceptions and know nothing of HTTP. A refusal by the cart's rules is a 409 whose title names the rule.
 * Invalid or malformed requests are infra's {@code ProblemMappers}.
 */
public class CartProblems {

    @ServerExceptionMapper
    public Response cartRule(CartRuleException e, UriInfo uri) {
        return Problems.response(409, title(e), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response invalidChange(InvalidCartChangeException e, UriInfo uri) {
        return Problems.response(400, "Invalid request", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unknownProduct(UnknownProductException e, UriInfo uri) {
        return Problems.response(404, "Unknown product", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response accessDenied(AccessDeniedException e, UriInfo uri) {
        return Problems.response(403, "Forbidden", e.getMessage(), uri);
    }

    private static String title(CartRuleException e) {
        if (e instanceof CartNotOpenException) {
            return "Cart not open";
        }
        if (e instanceof EmptyCartException) {
            return "Cart empty";
        }
        if (e instanceof CartFullException) {
            return "Cart full";
        }
        return "Cart conflict";
    }
}

package dev.bazaar.user.api;

import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.bazaar.infra.http.Problems;
import dev.bazaar.user.application.CreditHoldNotFoundException;
import dev.bazaar.user.application.CustomerNotFoundException;
import dev.bazaar.user.application.EmailAlreadyRegisteredException;
import dev.bazaar.user.application.InvalidCredentialsException;
import dev.bazaar.user.application.LoginThrottledException;
import dev.bazaar.user.application.UserNotFoundException;
import dev.bazaar.user.infrastructure.PasswordChecksBusyException;

/**
 * The one place the user service's exceptions become HTTP answers (RFC 9457 problem details); the domain and
 * application throw plain exceptions and know nothing of HTTP. A refusal the client should retry later says when
 * with {@code Retry-After}. Invalid or malformed requests are infra's {@code ProblemMappers}.
 */
public class UserProblems {

    @ServerExceptionMapper
    public Response userNotFound(UserNotFoundException e, UriInfo uri) {
        return Problems.response(404, "User not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response customerNotFound(CustomerNotFoundException e, UriInfo uri) {
        return Problems.response(404, "Customer not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response creditHoldNotFound(CreditHoldNotFoundException e, UriInfo uri) {
        return Problems.response(404, "Credit hold not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response invalidCredentials(InvalidCredentialsException e, UriInfo uri) {
        return Problems.response(401, "Invalid credentials", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response emailAlreadyRegistered(EmailAlreadyRegisteredException e, UriInfo uri) {
        return Problems.response(409, "Email already registered", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response loginThrottled(LoginThrottledException e, UriInfo uri) {
        return Problems.response(429, "Too many failed logins", e.getMessage(), uri,
                Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
    }

    @ServerExceptionMapper
    public Response passwordChecksBusy(PasswordChecksBusyException e, UriInfo uri) {
        return Problems.response(503, "Too many password checks", e.getMessage(), uri,
                Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e, UriInfo uri) {
        return Problems.response(400, "Bad Request", e.getMessage(), uri);
    }
}

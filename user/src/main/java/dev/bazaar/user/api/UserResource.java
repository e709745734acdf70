package dev.bazaar.user.api;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.infra.http.IdempotencyKeys;
import dev.bazaar.infra.http.StoredResponse;
import dev.bazaar.user.application.Accounts;
import dev.bazaar.user.application.Registration;
import dev.bazaar.user.application.UserNotFoundException;
import io.smallrye.mutiny.Uni;

@Path("/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final Registration registration;
    private final Accounts accounts;
    private final ObjectMapper json;
    private final JsonWebToken token;

    UserResource(Registration registration, Accounts accounts, ObjectMapper json, JsonWebToken token) {
        this.registration = registration;
        this.accounts = accounts;
        this.json = json;
        this.token = token;
    }

    @POST
    @PermitAll
    @Operation(summary = "Sign up as a customer",
            description = "Opens an empty credit account and announces user.registered. Emails are unique ignoring "
                    + "case. A request repeated with the same Idempotency-Key returns the first answer. "
                    + "Administrators are not created here but from configuration.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the new user")
    @APIResponse(responseCode = "409", description = "The email is already registered")
    public Uni<Response> register(@Valid @NotNull RegisterUserRequest request,
            @RestHeader(IdempotencyKeys.HEADER) @Size(min = 1, max = 200) String idempotencyKey) {
        return registration.signUp(request.email(), request.name(), request.password(), idempotencyKey,
                        customer -> stored(201, "/users/" + customer.id(), UserResponse.of(customer)))
                .map(StoredResponse::toResponse);
    }

    @GET
    @Path("/me")
    @RolesAllowed({"customer", "admin"})
    @Operation(summary = "The signed-in user with their credit")
    public Uni<UserProfileResponse> me() {
        return accounts.profile(currentUserId()).map(UserProfileResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Any user with their credit (admin)")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<UserProfileResponse> get(@RestPath UUID id) {
        return accounts.profile(id).map(UserProfileResponse::of);
    }

    @POST
    @Path("/{id}/credit/top-ups")
    @RolesAllowed("admin")
    @Operation(summary = "Add credit to a user's balance (admin)",
            description = "A request repeated with the same Idempotency-Key adds nothing and returns the first "
                    + "answer.")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<Response> topUp(@RestPath UUID id, @Valid @NotNull TopUpRequest request,
            @RestHeader(IdempotencyKeys.HEADER) @Size(min = 1, max = 200) String idempotencyKey) {
        return accounts.topUp(id, request.amount(), idempotencyKey,
                        account -> stored(200, null, CreditAccountResponse.of(account)))
                .map(StoredResponse::toResponse);
    }

    /** The token's subject is the user id this service put there when it issued the token. */
    private UUID currentUserId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserNotFoundException(token.getSubject());
        }
    }

    /** The answer as IdempotencyKeys stores it, so a retry with the same key gets exactly these bytes again. */
    private StoredResponse stored(int status, String location, Object body) {
        try {
            return new StoredResponse(status, location, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body.getClass().getSimpleName(), e);
        }
    }
}

package dev.bazaar.user.api;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.bazaar.user.application.Authentication;
import io.smallrye.mutiny.Uni;

@Path("/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final Authentication authentication;

    AuthResource(Authentication authentication) {
        this.authentication = authentication;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Exchange email and password for an access token",
            description = "The token is an RS256 JWT every Bazaar service accepts. A wrong email and a wrong "
                    + "password get the same 401. After bazaar.login.free-attempts failed logins in a row an account "
                    + "is locked for a growing time: 429 with Retry-After, for registered and unknown emails alike.")
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest request) {
        return authentication.login(request.email(), request.password()).map(TokenResponse::of);
    }
}

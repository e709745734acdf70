package dev.bazaar.user.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.Customer;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Issues the RS256 access tokens every Bazaar service verifies: {@code sub} = user id, {@code upn} = email,
 * {@code groups} = the role. Issuer and signing key come from configuration ({@code smallrye.jwt.new-token.issuer},
 * {@code smallrye.jwt.sign.key.location}).
 */
@ApplicationScoped
public class TokenIssuer {

    private final Vertx vertx;
    private final Duration lifetime;

    TokenIssuer(Vertx vertx, UserConfig config) {
        this.vertx = vertx;
        this.lifetime = config.tokenLifetime();
    }

    /** Signing is an RSA private-key operation (and reads the key file the first time): off the event loop. */
    public Uni<AccessToken> issue(Customer customer) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> sign(customer)), false);
    }

    private AccessToken sign(Customer customer) {
        Instant now = Instant.now();
        String token = Jwt.subject(customer.id().toString())
                .upn(customer.email())
                .groups(Set.of(customer.role().group()))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .sign();
        return new AccessToken(token, lifetime);
    }
}

package dev.bazaar.user.infrastructure;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;

import dev.bazaar.user.domain.Customer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Issues the RS256 access tokens every Bazaar service verifies: {@code sub} = user id, {@code upn} = email,
 * {@code groups} = the role, {@code aud}. Issuer, audience and signing key come from configuration
 * ({@code smallrye.jwt.new-token.*}, {@code smallrye.jwt.sign.key.location}). The {@code kid} header is the RFC 7638
 * thumbprint of the signing key, so a verifier holding several public keys (a JWK set, during a rotation) picks the
 * right one, and a key set written by {@code infra/jwt/jwk-set.sh} carries the same ids without any configuration.
 */
@ApplicationScoped
public class TokenIssuer {

    private final Vertx vertx;
    private final Duration lifetime;
    private final Optional<String> keyLocation;
    private volatile String keyId;

    TokenIssuer(Vertx vertx, UserConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> keyLocation) {
        this.vertx = vertx;
        this.lifetime = config.tokenLifetime();
        this.keyLocation = keyLocation;
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
                .jws()
                .keyId(keyId())
                .sign();
        return new AccessToken(token, lifetime);
    }

    private String keyId() {
        String id = keyId;
        if (id == null) {
            id = thumbprint(keyLocation.orElseThrow(() -> new IllegalStateException(
                    "No signing key: set BAZAAR_JWT_PRIVATE_KEY (smallrye.jwt.sign.key.location)")));
            keyId = id;
        }
        return id;
    }

    /** The RFC 7638 SHA-256 thumbprint of the public half of the PEM private key at {@code location}. */
    static String thumbprint(String location) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(location), SignatureAlgorithm.RS256);
            if (!(key instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalStateException("The signing key at " + location + " is not an RSA private key");
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot read the signing key at " + location, e);
        }
    }
}

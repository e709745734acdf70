package dev.bazaar.infra.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Real RS256 tokens, shaped like the ones the user service issues, signed with the test-only key. */
public final class TestTokens {

    private static final String ISSUER = "bazaar";

    private TestTokens() {
    }

    public static String customer(UUID userId, String email) {
        return token(userId, email, "customer", Instant.now().plus(Duration.ofHours(1)), testKey());
    }

    public static String customer(UUID userId) {
        return customer(userId, userId + "@example.test");
    }

    public static String admin() {
        UUID id = UUID.randomUUID();
        return token(id, "admin-" + id + "@example.test", "admin", Instant.now().plus(Duration.ofHours(1)), testKey());
    }

    public static String expired(UUID userId) {
        return token(userId, userId + "@example.test", "customer", Instant.now().minus(Duration.ofHours(1)),
                testKey());
    }

    /** A customer token that expires at the given time. */
    public static String customerUntil(UUID userId, Instant expiresAt) {
        return token(userId, userId + "@example.test", "customer", expiresAt, testKey());
    }

    public static String signedByOtherKey(UUID userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair other = generator.generateKeyPair();
            return token(userId, userId + "@example.test", "admin", Instant.now().plus(Duration.ofHours(1)),
                    other.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(UUID userId, String email, String role, Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(ISSUER)
                .subject(userId.toString())
                .upn(email)
                .groups(role)
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .sign(key);
    }

    private static PrivateKey testKey() {
        try {
            return KeyUtils.readPrivateKey("test-keys/private.pem");
        } catch (Exception e) {
            throw new IllegalStateException("test-keys/private.pem missing from the test classpath", e);
        }
    }
}

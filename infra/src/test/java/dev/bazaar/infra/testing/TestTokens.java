package dev.bazaar.infra.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Real RS256 tokens, shaped like the ones the user service issues ({@code iss}, {@code aud}, a {@code kid} header
 * that is the key's RFC 7638 thumbprint), signed with the test-only key. The services verify them against
 * {@code test-keys/public-keys.json}, a JWK set of that key and a second one ({@link #signedByNextKey}), as during a
 * key rotation.
 */
public final class TestTokens {

    public static final String ISSUER = "bazaar";
    public static final String AUDIENCE = "bazaar";

    private TestTokens() {
    }

    public static String customer(UUID userId, String email) {
        return token(userId, email, "customer", Instant.now().plus(Duration.ofHours(1)), testKey(), keyId("public"));
    }

    public static String customer(UUID userId) {
        return customer(userId, userId + "@example.test");
    }

    public static String admin() {
        UUID id = UUID.randomUUID();
        return token(id, "admin-" + id + "@example.test", "admin", Instant.now().plus(Duration.ofHours(1)), testKey(),
                keyId("public"));
    }

    public static String expired(UUID userId) {
        return token(userId, userId + "@example.test", "customer", Instant.now().minus(Duration.ofHours(1)),
                testKey(), keyId("public"));
    }

    /** A customer token that expires at the given time. */
    public static String customerUntil(UUID userId, Instant expiresAt) {
        return token(userId, userId + "@example.test", "customer", expiresAt, testKey(), keyId("public"));
    }

    /** A customer token signed with the second key of the test key set (the key a rotation moves to). */
    public static String signedByNextKey(UUID userId) {
        return token(userId, userId + "@example.test", "customer", Instant.now().plus(Duration.ofHours(1)),
                privateKey("test-keys/next-private.pem"), keyId("next-public"));
    }

    public static String signedByOtherKey(UUID userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair other = generator.generateKeyPair();
            return token(userId, userId + "@example.test", "admin", Instant.now().plus(Duration.ofHours(1)),
                    other.getPrivate(), keyId("public"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kid of a test key: the RFC 7638 thumbprint of {@code test-keys/<name>.pem}, as its JWK in the set has. */
    public static String keyId(String publicKeyName) {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyUtils.readPublicKey("test-keys/" + publicKeyName + ".pem");
            return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (Exception e) {
            throw new IllegalStateException("test-keys/" + publicKeyName + ".pem missing from the test classpath", e);
        }
    }

    private static String token(UUID userId, String email, String role, Instant expiresAt, PrivateKey key,
            String keyId) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId.toString())
                .upn(email)
                .groups(role)
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .jws()
                .keyId(keyId)
                .sign(key);
    }

    private static PrivateKey testKey() {
        return privateKey("test-keys/private.pem");
    }

    private static PrivateKey privateKey(String resource) {
        try {
            return KeyUtils.readPrivateKey(resource);
        } catch (Exception e) {
            throw new IllegalStateException(resource + " missing from the test classpath", e);
        }
    }
}

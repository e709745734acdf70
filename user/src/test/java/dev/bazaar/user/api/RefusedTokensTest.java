package dev.bazaar.user.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestTokens;
import dev.bazaar.user.testsupport.UserApi;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Forged and broken bearer tokens, each refused with 401 by the verification every service shares (infra's
 * {@code mp.jwt.verify.*} and {@code CachingJwtParser}); the control token, built the same way with valid claims, is
 * accepted. Tokens are built with jose4j so that each one differs from a good token in one thing only.
 */
@QuarkusTest
class RefusedTokensTest {

    private String email;
    private UUID id;

    @BeforeEach
    void aCustomer() {
        email = UserApi.uniqueEmail("tokens");
        id = UserApi.register(email);
    }

    @Test
    void theControlTokenIsAccepted() {
        assertAccepted(signed(claims -> { }));
    }

    @Test
    void wrongIssuerIs401() {
        assertRefused(signed(claims -> claims.setIssuer("https://attacker.example")));
    }

    @Test
    void wrongAudienceIs401() {
        assertRefused(signed(claims -> claims.setAudience("another-system")));
    }

    @Test
    void missingAudienceIs401() {
        assertRefused(signed(claims -> claims.unsetClaim("aud")));
    }

    @Test
    void algNoneIs401() throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        String token = jws.getCompactSerialization();
        assertThat(token).endsWith(".");

        assertRefused(token);
    }

    @Test
    void hs256SignedWithThePublicKeyAsHmacSecretIs401() throws Exception {
        byte[] pem = KeyUtils.readKeyContent("test-keys/public.pem").getBytes(StandardCharsets.UTF_8);
        byte[] der = KeyUtils.readPublicKey("test-keys/public.pem").getEncoded();
        for (byte[] secret : List.of(pem, der)) {
            assertRefused(sign(claims(c -> { }), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(secret),
                    TestTokens.keyId("public")));
        }
    }

    @Test
    void missingExpIs401() {
        assertRefused(signed(claims -> claims.unsetClaim("exp")));
    }

    @Test
    void expiredIs401() {
        assertRefused(signed(claims -> claims.setExpirationTime(at(Instant.now().minus(Duration.ofMinutes(10))))));
    }

    @Test
    void notYetValidIs401() {
        assertRefused(signed(claims -> claims.setNotBefore(at(Instant.now().plus(Duration.ofMinutes(10))))));
    }

    @Test
    void tamperedClaimsWithTheOriginalSignatureAre401EvenAfterTheOriginalWasAccepted() {
        String token = signed(claims -> { });
        assertAccepted(token);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String escalated = payload.replace("\"customer\"", "\"admin\"");
        assertThat(escalated).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(escalated.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefused(tampered);
        given().auth().oauth2(tampered).get("/users/{id}", id).then().statusCode(401);
    }

    @Test
    void aTokenSignedByTheNextKeyOfTheSetIsAcceptedAndAnUnknownKeyIdIs401() {
        assertAccepted(TestTokens.signedByNextKey(id));
        assertRefused(signed(claims -> { }, "no-such-key"));
    }

    @Test
    void theServiceIssuesTokensWithAudienceAndTheKidOfItsSigningKey() {
        String token = UserApi.login(email, UserApi.PASSWORD);

        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"" + TestTokens.keyId("public") + "\"").contains("\"alg\":\"RS256\"");
        assertThat(payload).contains("\"aud\":\"bazaar\"");
        assertAccepted(token);
    }

    private void assertAccepted(String token) {
        given().auth().oauth2(token).get("/users/me").then().statusCode(200).body("id", equalTo(id.toString()));
    }

    private void assertRefused(String token) {
        given().auth().oauth2(token).get("/users/me").then().statusCode(401);
    }

    /** A token like the service's, changed by {@code change}, signed RS256 with the test key and its kid. */
    private String signed(Consumer<JwtClaims> change) {
        return signed(change, TestTokens.keyId("public"));
    }

    private String signed(Consumer<JwtClaims> change, String keyId) {
        try {
            return sign(claims(change), AlgorithmIdentifiers.RSA_USING_SHA256,
                    KeyUtils.readPrivateKey("test-keys/private.pem"), keyId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JwtClaims claims(Consumer<JwtClaims> change) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestTokens.ISSUER);
        claims.setAudience(TestTokens.AUDIENCE);
        claims.setSubject(id.toString());
        claims.setClaim("upn", email);
        claims.setStringListClaim("groups", "customer");
        claims.setIssuedAt(at(now));
        claims.setExpirationTime(at(now.plus(Duration.ofHours(1))));
        change.accept(claims);
        return claims;
    }

    private static String sign(JwtClaims claims, String algorithm, Key key, String keyId) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private static NumericDate at(Instant instant) {
        return NumericDate.fromSeconds(instant.getEpochSecond());
    }
}

package dev.bazaar.infra.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The services' bearer-token parser: smallrye-jwt's own, which checks the signature (with the key the token's kid
 * picks from a JWK set), issuer, audience and times, plus a bounded memory of the tokens it verified. A client sends
 * the same token with every request until it expires, and the RSA signature check is most of the CPU an
 * authenticated request costs; a token seen before is not checked again.
 * <p>
 * The key is the whole token, signature included, so a token that differs in one character is verified afresh. A
 * remembered token is used only until the earlier of its {@code exp} and {@link VerifiedTokensConfig#ttl()} after its
 * verification; past that it goes through the full check again (where the configured clock skew applies).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final JWTParser verifier;
    private final int maxEntries;
    private final long ttlMillis;
    private final int maxTokenLength;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    CachingJwtParser(DefaultJWTParser verifier, VerifiedTokensConfig config) {
        this(verifier, config, System::currentTimeMillis);
    }

    CachingJwtParser(JWTParser verifier, VerifiedTokensConfig config, LongSupplier clock) {
        this.verifier = verifier;
        this.maxEntries = config.maxEntries();
        this.ttlMillis = config.ttl().toMillis();
        this.maxTokenLength = config.maxTokenLength();
        this.clock = clock;
    }

    private record Verified(JsonWebToken token, long usableUntilMillis) {
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.getAsLong();
        Verified known = token == null ? null : verified.get(token);
        if (known != null) {
            if (now < known.usableUntilMillis()) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken parsed = verifier.parse(token);
        remember(token, parsed, now);
        return parsed;
    }

    /** How many verified tokens are kept now. */
    public int size() {
        return verified.size();
    }

    private void remember(String token, JsonWebToken parsed, long now) {
        long expiresAt = parsed.getExpirationTime() * 1000L;
        long until = Math.min(expiresAt, now + ttlMillis);
        if (token.length() > maxTokenLength || until <= now || maxEntries <= 0) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> entry.usableUntilMillis() <= now);
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        verified.put(token, new Verified(parsed, until));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}

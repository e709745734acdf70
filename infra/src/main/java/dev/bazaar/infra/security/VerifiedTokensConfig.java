package dev.bazaar.infra.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The cache of verified bearer tokens ({@link CachingJwtParser}). */
@ConfigMapping(prefix = "bazaar.jwt.cache")
public interface VerifiedTokensConfig {

    /** Most tokens kept at once; when full of live entries, a new token is verified but not kept. 0 turns it off. */
    @WithDefault("10000")
    int maxEntries();

    /**
     * Longest time a verification is reused (never past the token's own expiry). It bounds how long a token signed
     * with a key that was just withdrawn keeps passing.
     */
    @WithDefault("60s")
    Duration ttl();

    /** Longest token kept, in characters; a longer one is verified on every request. */
    @WithDefault("8192")
    int maxTokenLength();
}

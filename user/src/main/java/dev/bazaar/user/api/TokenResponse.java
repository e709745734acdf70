package dev.bazaar.user.api;

import dev.bazaar.user.infrastructure.AccessToken;

/** Answer of a successful login; {@code expiresIn} in seconds, as in OAuth 2. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

    static TokenResponse of(AccessToken token) {
        return new TokenResponse(token.token(), "Bearer", token.lifetime().toSeconds());
    }
}

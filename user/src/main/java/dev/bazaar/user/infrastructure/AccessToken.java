package dev.bazaar.user.infrastructure;

import java.time.Duration;

/** A signed JWT and how long it is valid from now. */
public record AccessToken(String token, Duration lifetime) {
}

package dev.bazaar.events.user;

import java.util.UUID;

/**
 * Event {@code user.registered}.
 */
public record UserRegistered(UUID userId, String email, String name) {
}

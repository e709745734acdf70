package dev.bazaar.user.api;

import java.util.UUID;

import dev.bazaar.user.application.CustomerProfile;

/** A user with their credit: answer of {@code GET /users/me} and {@code GET /users/{id}}. */
public record UserProfileResponse(UUID id, String email, String name, String role, CreditResponse credit) {

    static UserProfileResponse of(CustomerProfile profile) {
        return new UserProfileResponse(profile.customer().id(), profile.customer().email(),
                profile.customer().name(), profile.customer().role().name(), CreditResponse.of(profile.account()));
    }
}

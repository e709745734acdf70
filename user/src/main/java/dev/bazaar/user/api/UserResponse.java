package dev.bazaar.user.api;

import java.util.UUID;

import dev.bazaar.user.domain.Customer;

/** A user without credit, as answered by sign-up. */
public record UserResponse(UUID id, String email, String name, String role) {

    static UserResponse of(Customer customer) {
        return new UserResponse(customer.id(), customer.email(), customer.name(), customer.role().name());
    }
}

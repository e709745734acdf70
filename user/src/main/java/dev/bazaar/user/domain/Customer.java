package dev.bazaar.user.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** A registered user: a shopper or an administrator. Only the bcrypt hash of the password is ever kept. */
public final class Customer {

    private final UUID id;
    private final String email;
    private final String name;
    private final String passwordHash;
    private final Role role;
    private final Instant createdAt;

    private Customer(UUID id, String email, String name, String passwordHash, Role role, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = normalizeEmail(email);
        this.name = requireText(name, "name").strip();
        this.passwordHash = requireText(passwordHash, "passwordHash");
        this.role = Objects.requireNonNull(role, "role");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Customer register(String email, String name, String passwordHash, Role role, Instant now) {
        return new Customer(UUID.randomUUID(), email, name, passwordHash, role, now);
    }

    /** Rebuilds a customer from stored state. */
    public static Customer restore(UUID id, String email, String name, String passwordHash, Role role,
            Instant createdAt) {
        return new Customer(id, email, name, passwordHash, role, createdAt);
    }

    /**
     * Emails are unique regardless of case ("Ann@Example.com" and "ann@example.com" are one account), so they are
     * stored and looked up in this one form.
     */
    public static String normalizeEmail(String email) {
        return requireText(email, "email").strip().toLowerCase(Locale.ROOT);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

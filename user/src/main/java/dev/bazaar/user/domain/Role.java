package dev.bazaar.user.domain;

/** What a user may do; {@link #group()} is the name carried in the token's {@code groups} claim. */
public enum Role {
    CUSTOMER("customer"),
    ADMIN("admin");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }
}

package dev.bazaar.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class CredentialsGuardTest {

    @Test
    void acceptsRealPasswords() {
        assertThat(CredentialsGuard.problems("catalog", Optional.of("3f9c1d"), Optional.of("a81e07"))).isEmpty();
    }

    @Test
    void refusesMissingOrBlankPasswordsNamingTheVariable() {
        assertThat(CredentialsGuard.problems("catalog", Optional.empty(), Optional.of(" ")))
                .containsExactly("the database password is not set (set BAZAAR_DB_PASSWORD)",
                        "the broker password is not set (set BAZAAR_RABBITMQ_PASSWORD)");
    }

    @Test
    void refusesTheWellKnownDefaultsOfThisService() {
        assertThat(CredentialsGuard.problems("cart", Optional.of("bazaar_cart"), Optional.of("guest")))
                .containsExactly("the database password is the well-known default 'bazaar_cart' "
                                + "(set BAZAAR_DB_PASSWORD to the real one)",
                        "the broker password is the well-known default 'guest' "
                                + "(set BAZAAR_RABBITMQ_PASSWORD to the real one)");
    }
}

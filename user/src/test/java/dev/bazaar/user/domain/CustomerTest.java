package dev.bazaar.user.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CustomerTest {

    @Test
    void emailIsKeptTrimmedAndLowerCase() {
        Customer customer = Customer.register("  Ann.Example@Example.COM ", " Ann ", "$2a$10$hash", Role.CUSTOMER,
                Instant.now());

        assertThat(customer.email()).isEqualTo("ann.example@example.com");
        assertThat(customer.name()).isEqualTo("Ann");
    }

    @Test
    void blankFieldsAreRefused() {
        assertThatThrownBy(() -> Customer.register(" ", "Ann", "hash", Role.CUSTOMER, Instant.now()))
                .hasMessage("email must not be blank");
        assertThatThrownBy(() -> Customer.register("a@b.c", "", "hash", Role.CUSTOMER, Instant.now()))
                .hasMessage("name must not be blank");
    }

    @Test
    void roleNamesTheTokenGroup() {
        assertThat(Role.CUSTOMER.group()).isEqualTo("customer");
        assertThat(Role.ADMIN.group()).isEqualTo("admin");
    }
}

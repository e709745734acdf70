package dev.bazaar.user.infrastructure;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.bazaar.user.domain.Customer;
import dev.bazaar.user.domain.Role;

/** Row of table {@code customer}; the domain {@link Customer} is mapped in and out here. */
@Entity
@Table(name = "customer")
public class CustomerEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String email;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    static CustomerEntity from(Customer customer) {
        CustomerEntity entity = new CustomerEntity();
        entity.id = customer.id();
        entity.email = customer.email();
        entity.name = customer.name();
        entity.passwordHash = customer.passwordHash();
        entity.role = customer.role();
        entity.createdAt = customer.createdAt();
        return entity;
    }

    Customer toDomain() {
        return Customer.restore(id, email, name, passwordHash, role, createdAt);
    }
}

package dev.bazaar.user.infrastructure;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.bazaar.user.domain.CreditAccount;

/** Row of table {@code credit_account}; the domain {@link CreditAccount} is mapped in and out here. */
@Entity
@Table(name = "credit_account")
public class CreditAccountEntity {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal balance;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal held;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal captured;

    @Column(name = "topped_up", nullable = false, precision = 19, scale = 2)
    public BigDecimal toppedUp;

    @Version
    public Long version;

    static CreditAccountEntity from(CreditAccount account) {
        CreditAccountEntity entity = new CreditAccountEntity();
        entity.customerId = account.customerId();
        entity.copyFrom(account);
        return entity;
    }

    CreditAccount toDomain() {
        return CreditAccount.restore(customerId, balance, held, captured, toppedUp);
    }

    /** Copies the money; equal amounts are left alone, so an unchanged account causes no update. */
    void copyFrom(CreditAccount account) {
        balance = changed(balance, account.balance());
        held = changed(held, account.held());
        captured = changed(captured, account.captured());
        toppedUp = changed(toppedUp, account.toppedUp());
    }

    private static BigDecimal changed(BigDecimal current, BigDecimal next) {
        return current != null && current.compareTo(next) == 0 ? current : next;
    }
}

package dev.bazaar.user.application;

import dev.bazaar.user.domain.CreditAccount;
import dev.bazaar.user.domain.Customer;

/** A user together with their credit account, as read in one session. */
public record CustomerProfile(Customer customer, CreditAccount account) {
}

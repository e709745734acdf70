package dev.bazaar.e2e.checker;

/** One broken invariant: which rule, on which entity (order id, product id, customer id, ...), and how. */
public record Violation(String invariant, String subject, String detail) {

    @Override
    public String toString() {
        return invariant + " [" + subject + "]: " + detail;
    }
}

package dev.bazaar.cart.application;

/**
 * Runs a change of a cart requested by its customer. A refusal by the cart's rules ({@code CartRuleException})
 * passes as it is; an argument the cart refuses becomes an {@link InvalidCartChangeException}.
 */
final class CartRules {

    private CartRules() {
    }

    static void apply(Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidCartChangeException(e.getMessage());
        }
    }
}

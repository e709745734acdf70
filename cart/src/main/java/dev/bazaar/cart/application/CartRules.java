package dev.bazaar.cart.application;

import dev.bazaar.cart.domain.CartFullException;
import dev.bazaar.cart.domain.CartNotOpenException;
import dev.bazaar.cart.domain.CartRuleException;
import dev.bazaar.cart.domain.EmptyCartException;
import dev.bazaar.infra.http.ProblemException;

/** Runs a change of a cart requested over HTTP, turning a refusal by the cart into the customer's 409 or 400. */
final class CartRules {

    private CartRules() {
    }

    static void apply(Runnable change) {
        try {
            change.run();
        } catch (CartRuleException e) {
            throw new ProblemException(409, title(e), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid request", e.getMessage());
        }
    }

    private static String title(CartRuleException e) {
        if (e instanceof CartNotOpenException) {
            return "Cart not open";
        }
        if (e instanceof EmptyCartException) {
            return "Cart empty";
        }
        if (e instanceof CartFullException) {
            return "Cart full";
        }
        return "Cart conflict";
    }
}

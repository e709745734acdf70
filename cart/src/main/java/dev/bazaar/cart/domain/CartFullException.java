package dev.bazaar.cart.domain;

/** One product more than a cart may hold; bounds the size of a cart, its view and the order made from it. */
public class CartFullException extends CartRuleException {

    public CartFullException(int maxLines) {
        super("cart holds at most " + maxLines + " different products; remove one first");
    }
}

package dev.bazaar.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CartTest {

    private final UUID lamp = UUID.randomUUID();
    private final UUID chair = UUID.randomUUID();
    private final UUID order = UUID.randomUUID();

    @Test
    void settingAQuantityAddsTheLineOrReplacesItsQuantity() {
        Cart cart = anOpenCart();

        cart.setQuantity(lamp, 2);
        cart.setQuantity(chair, 1);
        cart.setQuantity(lamp, 5);

        assertThat(cart.lines()).containsExactlyInAnyOrderEntriesOf(Map.of(lamp, 5, chair, 1));
    }

    @Test
    void quantityOutsideOneToAThousandIsRefused() {
        Cart cart = anOpenCart();

        assertThatThrownBy(() -> cart.setQuantity(lamp, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cart.setQuantity(lamp, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cart.setQuantity(lamp, Cart.MAX_QUANTITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        cart.setQuantity(lamp, Cart.MAX_QUANTITY);
        assertThat(cart.lines()).containsEntry(lamp, Cart.MAX_QUANTITY);
    }

    @Test
    void oneProductMoreThanTheLimitIsRefusedButExistingLinesStillChange() {
        Cart cart = anOpenCart();
        for (int i = 0; i < Cart.MAX_LINES; i++) {
            cart.setQuantity(UUID.randomUUID(), 1);
        }
        UUID first = cart.lines().keySet().iterator().next();

        assertThatThrownBy(() -> cart.setQuantity(lamp, 1)).isInstanceOf(CartFullException.class);
        cart.setQuantity(first, 3);
        assertThat(cart.lines()).hasSize(Cart.MAX_LINES).containsEntry(first, 3);
    }

    @Test
    void removingAProductThatIsNotInTheCartIsANoOp() {
        Cart cart = anOpenCart();
        cart.setQuantity(lamp, 1);

        cart.remove(chair);
        cart.remove(lamp);
        cart.remove(lamp);

        assertThat(cart.lines()).isEmpty();
    }

    @Test
    void checkoutFreezesTheCartAsTheOrderAndForgetsTheLastRejection() {
        Cart cart = Cart.restore(UUID.randomUUID(), UUID.randomUUID(), CartStatus.OPEN, null, "credit limit",
                Map.of(lamp, 2));

        cart.checkOut(order);

        assertThat(cart.status()).isEqualTo(CartStatus.CHECKED_OUT);
        assertThat(cart.orderId()).isEqualTo(order);
        assertThat(cart.lastRejection()).isNull();
        assertThat(cart.lines()).containsExactlyEntriesOf(Map.of(lamp, 2));
    }

    @Test
    void emptyCartCannotBeCheckedOut() {
        Cart cart = anOpenCart();

        assertThatThrownBy(() -> cart.checkOut(order)).isInstanceOf(EmptyCartException.class)
                .hasMessage("cart is empty");
        assertThat(cart.status()).isEqualTo(CartStatus.OPEN);
    }

    @Test
    void checkedOutCartRefusesEveryChangeNamingItsOrder() {
        Cart cart = aCheckedOutCart();
        String refusal = "cart is checked out (order " + order + "); wait for the order's outcome";

        assertThatThrownBy(() -> cart.setQuantity(chair, 1)).isInstanceOf(CartNotOpenException.class)
                .hasMessage(refusal);
        assertThatThrownBy(() -> cart.remove(lamp)).hasMessage(refusal);
        assertThatThrownBy(cart::clear).hasMessage(refusal);
        assertThatThrownBy(() -> cart.checkOut(UUID.randomUUID())).hasMessage(refusal);
        assertThat(cart.lines()).containsExactlyEntriesOf(Map.of(lamp, 2));
        assertThat(cart.orderId()).isEqualTo(order);
    }

    @Test
    void confirmationClosesTheCartAndARepeatChangesNothing() {
        Cart cart = aCheckedOutCart();

        assertThat(cart.close(order)).isTrue();
        assertThat(cart.close(order)).isFalse();

        assertThat(cart.status()).isEqualTo(CartStatus.CLOSED);
        assertThat(cart.status().active()).isFalse();
        assertThat(cart.orderId()).isEqualTo(order);
    }

    @Test
    void rejectionReopensTheCartWithItsLinesAndTheReason() {
        Cart cart = aCheckedOutCart();

        cart.reopen(order, "insufficient credit");

        assertThat(cart.status()).isEqualTo(CartStatus.OPEN);
        assertThat(cart.orderId()).isNull();
        assertThat(cart.lastRejection()).isEqualTo("insufficient credit");
        assertThat(cart.lines()).containsExactlyEntriesOf(Map.of(lamp, 2));
        cart.setQuantity(lamp, 1);
        cart.checkOut(UUID.randomUUID());
    }

    @Test
    void outcomeOfAnotherOrderOrOfAnOpenCartIsIllegal() {
        Cart checkedOut = aCheckedOutCart();
        Cart closed = aCheckedOutCart();
        closed.close(order);

        assertThatThrownBy(() -> checkedOut.close(UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> checkedOut.reopen(UUID.randomUUID(), "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> anOpenCart().close(order)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.reopen(order, "too late")).isInstanceOf(IllegalStateException.class);
        assertThat(checkedOut.status()).isEqualTo(CartStatus.CHECKED_OUT);
        assertThat(closed.status()).isEqualTo(CartStatus.CLOSED);
    }

    private static Cart anOpenCart() {
        return Cart.open(UUID.randomUUID(), UUID.randomUUID());
    }

    private Cart aCheckedOutCart() {
        Cart cart = anOpenCart();
        cart.setQuantity(lamp, 2);
        cart.checkOut(order);
        return cart;
    }
}

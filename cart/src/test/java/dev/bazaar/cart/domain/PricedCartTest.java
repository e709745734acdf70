package dev.bazaar.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PricedCartTest {

    private final ProductCopy lamp = product("LAMP", "Lamp", "19.99");
    private final ProductCopy bolt = product("BOLT", "bolt", "0.10");
    private final ProductCopy chair = product("CHAIR", "Chair", "120");

    @Test
    void linesArePricedWithTheCurrentPriceAndTotalsHaveTwoDecimals() {
        Cart cart = Cart.open(UUID.randomUUID(), UUID.randomUUID());
        cart.setQuantity(lamp.productId(), 3);
        cart.setQuantity(bolt.productId(), 7);
        cart.setQuantity(chair.productId(), 1);

        PricedCart priced = PricedCart.of(cart, copies(lamp, bolt, chair));

        assertThat(priced.lines()).extracting(PricedLine::sku, line -> line.unitPrice().toPlainString(),
                        PricedLine::quantity, line -> line.lineTotal().toPlainString())
                .containsExactly(
                        tuple("BOLT", "0.10", 7, "0.70"),
                        tuple("CHAIR", "120.00", 1, "120.00"),
                        tuple("LAMP", "19.99", 3, "59.97"));
        assertThat(priced.total().toPlainString()).isEqualTo("180.67");
        assertThat(priced.itemCount()).isEqualTo(11);
    }

    @Test
    void emptyCartCostsZeroWithTwoDecimals() {
        PricedCart priced = PricedCart.of(Cart.open(UUID.randomUUID(), UUID.randomUUID()), Map.of());

        assertThat(priced.lines()).isEmpty();
        assertThat(priced.total().toPlainString()).isEqualTo("0.00");
        assertThat(priced.itemCount()).isZero();
    }

    @Test
    void lineOfAProductWithoutCopyIsAnError() {
        Cart cart = Cart.open(UUID.randomUUID(), UUID.randomUUID());
        cart.setQuantity(lamp.productId(), 1);

        assertThatThrownBy(() -> PricedCart.of(cart, Map.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void productPricesArePositiveWithAtMostTwoDecimals() {
        assertThat(ProductCopy.price(new BigDecimal("7.5")).toPlainString()).isEqualTo("7.50");
        assertThatThrownBy(() -> ProductCopy.price(new BigDecimal("7.505")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimals");
        assertThatThrownBy(() -> ProductCopy.price(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProductCopy.price(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ProductCopy product(String sku, String name, String price) {
        return new ProductCopy(UUID.randomUUID(), sku, name, ProductCopy.price(new BigDecimal(price)));
    }

    private static Map<UUID, ProductCopy> copies(ProductCopy... products) {
        Map<UUID, ProductCopy> copies = new HashMap<>();
        for (ProductCopy product : products) {
            copies.put(product.productId(), product);
        }
        return copies;
    }
}

package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ProductTest {

    @Test
    void newProductHasItsInitialStockOnHandAndPriceWithTwoDecimals() {
        Product product = Product.create("SKU-1", "  Espresso cup ", new BigDecimal("12.5"), 7);

        assertThat(product.name()).isEqualTo("Espresso cup");
        assertThat(product.price()).isEqualByComparingTo("12.50").hasScaleOf(2);
        assertThat(product.onHand()).isEqualTo(7);
        assertThat(product.available()).isEqualTo(7);
        assertThat(product.reserved()).isZero();
        assertThat(product.sold()).isZero();
        assertThat(product.stockAdded()).isEqualTo(7);
    }

    @Test
    void refusesNonPositivePricesAndPricesWithMoreThanTwoDecimals() {
        assertThatThrownBy(() -> Product.create("SKU-1", "Cup", BigDecimal.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Product.create("SKU-1", "Cup", new BigDecimal("-1.00"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Product.create("SKU-1", "Cup", new BigDecimal("1.001"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimals");
        assertThatThrownBy(() -> Product.create("SKU-1", "Cup", new BigDecimal("1.00"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repricingToTheSamePriceIsANoOp() {
        Product product = Product.create("SKU-1", "Cup", new BigDecimal("3.00"), 1);

        assertThat(product.reprice(new BigDecimal("3"))).isFalse();
        assertThat(product.reprice(new BigDecimal("3.10"))).isTrue();
        assertThat(product.price()).isEqualByComparingTo("3.10");
    }

    @Test
    void stockMovesBetweenCountersAndIsConserved() {
        Product product = Product.create("SKU-1", "Cup", new BigDecimal("3.00"), 10);

        product.reserve(4);
        product.commitReserved(3);
        product.releaseReserved(1);
        product.returnSold(2);
        product.restock(5);

        assertThat(product.onHand()).isEqualTo(14);
        assertThat(product.reserved()).isZero();
        assertThat(product.sold()).isEqualTo(1);
        assertThat(product.stockAdded()).isEqualTo(15)
                .isEqualTo(product.onHand() + product.reserved() + product.sold());
    }

    @Test
    void cannotReserveMoreThanIsOnHand() {
        Product product = Product.create("SKU-1", "Cup", new BigDecimal("3.00"), 2);

        assertThat(product.canReserve(3)).isFalse();
        assertThatThrownBy(() -> product.reserve(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only 2 on hand");
        assertThat(product.onHand()).isEqualTo(2);
    }

    @Test
    void countersNeverGoNegative() {
        Product product = Product.create("SKU-1", "Cup", new BigDecimal("3.00"), 2);

        assertThatThrownBy(() -> product.releaseReserved(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> product.commitReserved(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> product.returnSold(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> product.restock(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoringStateThatBreaksConservationFails() {
        assertThatThrownBy(() -> Product.restore(java.util.UUID.randomUUID(), "SKU-1", "Cup", BigDecimal.ONE,
                1, 1, 1, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not conserved");
    }
}

package dev.bazaar.cart.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.cart.domain.CartStatus;
import dev.bazaar.cart.domain.PricedCart;

/** The customer's cart as shown: current prices, total and number of items. */
public record CartView(
        UUID id,
        CartStatus status,
        @Schema(description = "The order the cart is checked out as; null while OPEN", nullable = true)
        UUID orderId,
        @Schema(description = "Why the order of the last checkout was rejected", nullable = true)
        String lastRejection,
        List<CartLineView> lines,
        @Schema(type = SchemaType.STRING, example = "37.50")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal total,
        @Schema(description = "Units in the cart, summed over all lines")
        int itemCount) {

    static CartView of(PricedCart cart) {
        return new CartView(cart.cartId(), cart.status(), cart.orderId(), cart.lastRejection(),
                cart.lines().stream().map(CartLineView::of).toList(), cart.total(), cart.itemCount());
    }
}

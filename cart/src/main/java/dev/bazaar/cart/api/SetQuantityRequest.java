package dev.bazaar.cart.api;

import dev.bazaar.cart.domain.Cart;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /carts/me/items/{productId}}: the quantity the line should have. */
public record SetQuantityRequest(@NotNull @Min(1) @Max(Cart.MAX_QUANTITY) Integer quantity) {
}

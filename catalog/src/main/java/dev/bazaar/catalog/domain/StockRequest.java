package dev.bazaar.catalog.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** A wanted quantity of one product, as an order asks for it. */
public record StockRequest(UUID productId, int quantity) {

    public StockRequest {
        Objects.requireNonNull(productId, "productId");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
    }

    /**
     * Merges requests for the same product (an order may list a product twice), keeping the order of first
     * appearance, so the availability check sees the full quantity of each product.
     */
    public static List<StockRequest> merge(List<StockRequest> requests) {
        Map<UUID, Integer> wanted = new LinkedHashMap<>();
        for (StockRequest request : requests) {
            wanted.merge(request.productId(), request.quantity(), Math::addExact);
        }
        List<StockRequest> merged = new ArrayList<>(wanted.size());
        wanted.forEach((productId, quantity) -> merged.add(new StockRequest(productId, quantity)));
        return List.copyOf(merged);
    }
}

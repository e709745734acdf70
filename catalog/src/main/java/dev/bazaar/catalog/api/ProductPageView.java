package dev.bazaar.catalog.api;

import java.util.List;

import dev.bazaar.catalog.application.ProductPage;

public record ProductPageView(List<ProductView> items, int page, int size, long total) {

    static ProductPageView of(ProductPage page) {
        return new ProductPageView(page.items().stream().map(ProductView::of).toList(), page.page(), page.size(),
                page.total());
    }
}

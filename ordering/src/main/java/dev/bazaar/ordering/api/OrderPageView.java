package dev.bazaar.ordering.api;

import java.util.List;

import dev.bazaar.ordering.application.OrderPage;

/** A page of orders, newest first. */
public record OrderPageView(List<OrderSummaryView> items, int page, int size, long total) {

    static OrderPageView of(OrderPage page) {
        return new OrderPageView(page.items().stream().map(OrderSummaryView::of).toList(), page.page(), page.size(),
                page.total());
    }
}

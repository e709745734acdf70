package dev.bazaar.ordering.application;

import java.util.List;

import dev.bazaar.ordering.domain.OrderRecord;

/** One page of orders, newest first, and how many there are in all. */
public record OrderPage(List<OrderRecord> items, int page, int size, long total) {
}

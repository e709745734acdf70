package dev.bazaar.catalog.application;

import java.util.List;

import dev.bazaar.catalog.domain.Product;

/** One page of a product search; {@code total} counts all matches. */
public record ProductPage(List<Product> items, int page, int size, long total) {
}

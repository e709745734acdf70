package dev.bazaar.ordering.infrastructure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderLine;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Lines of orders, in their order within each order. */
@ApplicationScoped
public class OrderLineRepository implements PanacheRepositoryBase<OrderLineEntity, OrderLineKey> {

    private static final Sort IN_ORDER = Sort.ascending("orderId", "lineNo");

    Uni<List<OrderLineEntity>> ofOrder(UUID orderId) {
        return list("orderId", Sort.ascending("lineNo"), orderId);
    }

    Uni<Map<UUID, List<OrderLineEntity>>> ofOrders(Collection<UUID> orderIds) {
        return list("orderId in ?1", IN_ORDER, orderIds).map(rows -> rows.stream().collect(
                Collectors.groupingBy(row -> row.orderId, LinkedHashMap::new, Collectors.toList())));
    }

    /** Copies sku and unit price of each line of {@code order} onto its managed row. */
    Uni<Void> reprice(Order order) {
        return ofOrder(order.id()).invoke(rows -> {
            for (OrderLineEntity row : rows) {
                OrderLine line = order.lines().get(row.lineNo);
                row.sku = line.sku();
                row.unitPrice = line.unitPrice();
            }
        }).replaceWithVoid();
    }
}

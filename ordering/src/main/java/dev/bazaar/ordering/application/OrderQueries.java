package dev.bazaar.ordering.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.ordering.infrastructure.OrderRepository;
import dev.bazaar.ordering.saga.SagaStepRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads of orders. A customer sees only their own orders: another's is "not found", not "forbidden". */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository orders;
    private final SagaStepRepository steps;

    OrderQueries(OrderRepository orders, SagaStepRepository steps) {
        this.orders = orders;
        this.steps = steps;
    }

    @WithSession
    public Uni<OrderDetails> details(UUID orderId, Viewer viewer) {
        return orders.findRecord(orderId).chain(record -> {
            if (record == null || !viewer.maySee(record.order().customerId())) {
                throw new OrderNotFoundException(orderId);
            }
            return steps.ofOrder(orderId).map(log -> new OrderDetails(record, log));
        });
    }

    /**
     * A customer's own orders; an administrator sees everyone's, or one customer's with {@code customerId}. A
     * customer asking for someone else's orders is refused rather than silently shown their own.
     */
    @WithSession
    public Uni<OrderPage> list(Viewer viewer, UUID customerId, int page, int size) {
        if (!viewer.admin() && customerId != null && !customerId.equals(viewer.userId())) {
            throw new AccessDeniedException("A customer can list only their own orders");
        }
        UUID owner = viewer.admin() ? customerId : viewer.userId();
        return orders.countOf(owner).chain(total -> orders.page(owner, page, size)
                .map(items -> new OrderPage(items, page, size, total)));
    }
}

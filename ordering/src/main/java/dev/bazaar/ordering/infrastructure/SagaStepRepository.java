package dev.bazaar.ordering.infrastructure;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.ordering.domain.SagaStep;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The append-only saga log of each order. */
@ApplicationScoped
public class SagaStepRepository implements PanacheRepositoryBase<SagaStepEntity, Long> {

    public Uni<Void> append(UUID orderId, List<SagaStep> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return persist(steps.stream().map(step -> SagaStepEntity.from(orderId, step)).toList());
    }

    public Uni<Void> append(UUID orderId, SagaStep step) {
        return persist(SagaStepEntity.from(orderId, step)).replaceWithVoid();
    }

    public Uni<List<SagaStep>> ofOrder(UUID orderId) {
        return list("orderId", Sort.ascending("id"), orderId)
                .map(rows -> rows.stream().map(SagaStepEntity::toDomain).toList());
    }
}

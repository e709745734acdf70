package dev.bazaar.ordering.saga;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The append-only saga log of each order. */
@ApplicationScoped
public class SagaStepRepository implements PanacheRepositoryBase<SagaStepEntity, Long> {

    private static final String INSERT = "insert into saga_step (order_id, at, step, message_id, detail) values ";
    /** One row of the insert; %1$d is the step's index, which makes its parameter names unique. */
    private static final String ROW =
            "(:order, :at%1$d, :step%1$d, cast(:message%1$d as uuid), cast(:detail%1$d as text))";

    /**
     * Appends the steps in one statement (one round trip however many there are); the identity column numbers them
     * in list order. Runs in the caller's transaction; the order row the steps reference must be in the database
     * already ({@link dev.bazaar.ordering.infrastructure.OrderRepository#insert} flushes it).
     */
    public Uni<Void> append(UUID orderId, List<SagaStep> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = IntStream.range(0, steps.size()).mapToObj(ROW::formatted)
                .collect(Collectors.joining(", ", INSERT, ""));
        return getSession().chain(session -> {
            var insert = session.createNativeQuery(sql).setParameter("order", orderId);
            for (int i = 0; i < steps.size(); i++) {
                SagaStep step = steps.get(i);
                insert.setParameter("at" + i, step.at())
                        .setParameter("step" + i, step.step())
                        .setParameter("message" + i, step.messageId())
                        .setParameter("detail" + i, step.detail());
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    public Uni<List<SagaStep>> ofOrder(UUID orderId) {
        return list("orderId", Sort.ascending("id"), orderId)
                .map(rows -> rows.stream().map(SagaStepEntity::toDomain).toList());
    }
}

package dev.bazaar.ordering.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.bazaar.ordering.domain.Order;
import dev.bazaar.ordering.domain.OrderRecord;
import dev.bazaar.ordering.domain.OrderStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Orders and their lines in and out of the current reactive session; callers open the session or transaction. Every
 * writer of an order first locks its row ({@link #lockOrder}, {@link #lockDue}), so a reply, a cancel and the
 * deadline sweeper decide one after the other on the latest state; the version column still guards every update.
 */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<OrderEntity, UUID> {

    /** Key of the transaction-scoped advisory lock that lets one replica at a time sweep deadlines. */
    public static final long SWEEP_LOCK_KEY = 0x6261_7a61_6172_0101L;

    private static final String AWAITING_REPLY = OrderStatus.AWAITING_REPLY.stream().map(OrderStatus::name).sorted()
            .collect(Collectors.joining("', '", "'", "'"));
    private static final String DUE = "select * from orders where deadline_at < :now and status in ("
            + AWAITING_REPLY + ") order by deadline_at limit :limit for update skip locked";
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final OrderLineRepository lines;

    OrderRepository(OrderLineRepository lines) {
        this.lines = lines;
    }

    /** Loads and row-locks the order, with its times and trace; null if there is none. */
    public Uni<OrderRecord> lockOrder(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).chain(entity -> entity == null
                ? Uni.createFrom().nullItem()
                : lines.ofOrder(id).map(orderLines -> record(entity, orderLines)));
    }

    /** Whether this transaction may sweep deadlines (another replica's sweep holds the lock otherwise). */
    public Uni<Boolean> tryLockSweep() {
        return getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                .setParameter("key", SWEEP_LOCK_KEY)
                .getSingleResult());
    }

    /**
     * Orders whose reply is overdue, row-locked, with the times they were placed and last changed and the trace that
     * placed them; rows another transaction holds are skipped, not waited for.
     */
    public Uni<List<OrderRecord>> lockDue(Instant now, int limit) {
        return getSession().chain(session -> session.createNativeQuery(DUE, OrderEntity.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .chain(this::withLines);
    }

    /**
     * Inserts the order with its lines and flushes, so rows that reference the order (its saga steps, inserted at
     * once because of their identity key) find it.
     */
    public Uni<Void> insert(Order order, Instant now, String traceparent) {
        List<OrderLineEntity> lineEntities = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            lineEntities.add(OrderLineEntity.from(order.id(), i, order.lines().get(i)));
        }
        return persist(OrderEntity.from(order, now, traceparent))
                .chain(() -> lines.persist(lineEntities))
                .chain(this::flush);
    }

    /** Writes {@code after} over the order's row, loaded (and locked) earlier in this session. */
    public Uni<Void> update(Order before, Order after, Instant now) {
        return findById(after.id()).chain(entity -> {
            if (entity == null) {
                return Uni.createFrom().failure(new IllegalStateException("order " + after.id() + " vanished"));
            }
            entity.copyFrom(after, now);
            return before.lines().equals(after.lines()) ? Uni.createFrom().voidItem() : lines.reprice(after);
        });
    }

    public Uni<OrderRecord> findRecord(UUID id) {
        return findById(id).chain(entity -> entity == null
                ? Uni.createFrom().nullItem()
                : lines.ofOrder(id).map(orderLines -> record(entity, orderLines)));
    }

    /** A page of orders, newest first; all customers' when {@code customerId} is null. */
    public Uni<List<OrderRecord>> page(UUID customerId, int page, int size) {
        var query = customerId == null ? findAll(NEWEST_FIRST) : find("customerId", NEWEST_FIRST, customerId);
        return query.page(Page.of(page, size)).list().chain(this::withLines);
    }

    public Uni<Long> countOf(UUID customerId) {
        return customerId == null ? count() : count("customerId", customerId);
    }

    private Uni<List<OrderRecord>> withLines(List<OrderEntity> entities) {
        if (entities.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<UUID, OrderEntity> byId = new LinkedHashMap<>();
        entities.forEach(entity -> byId.put(entity.id, entity));
        return lines.ofOrders(byId.keySet()).map(linesById -> byId.values().stream()
                .map(entity -> record(entity, linesById.getOrDefault(entity.id, List.of())))
                .toList());
    }

    private static OrderRecord record(OrderEntity entity, List<OrderLineEntity> orderLines) {
        return new OrderRecord(entity.toDomain(orderLines), entity.createdAt, entity.updatedAt, entity.traceparent);
    }
}

package dev.bazaar.catalog.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ReservationLine;
import dev.bazaar.catalog.domain.StockRequest;
import dev.bazaar.catalog.domain.StockReservation;
import dev.bazaar.catalog.infrastructure.StockStore;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.stock.CommitStock;
import dev.bazaar.events.stock.ReleaseStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.ShortLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.events.stock.StockRejected;
import dev.bazaar.events.stock.StockReleased;
import dev.bazaar.events.stock.StockReserved;
import dev.bazaar.infra.inbox.BatchLock;
import dev.bazaar.infra.inbox.LockKeys;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.OutboxBatch;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Catalog's part of the order saga: reserve, release and commit stock, a batch of orders at a time, in the
 * transaction infra opened for the batch (which also claimed the messages in the inbox): the stock changes, the
 * recorded outcomes and the replies (outbox) commit together or not at all. Each handler reads the orders' recorded
 * reservations with one statement, locks every product the batch touches once, in id order, and writes the changes
 * with one statement per table, sent with the commit.
 */
@ApplicationScoped
public class StockCommands {

    /** A row a stock command touches, for the queue's {@link BatchLock}: an order's reservation, or a product. */
    public record StockLockKey(UUID reservationOf, UUID product) {

        static StockLockKey reservation(UUID orderId) {
            return new StockLockKey(orderId, null);
        }

        static StockLockKey product(UUID productId) {
            return new StockLockKey(null, productId);
        }
    }

    /** A reserve touches the products of its lines. */
    public static final LockKeys<ReserveStock, StockLockKey> RESERVE_ROWS = (reserve, rows) -> {
        if (reserve.lines() != null) {
            reserve.lines().forEach(line -> rows.accept(StockLockKey.product(line.productId())));
        }
    };
    /** A release touches its order's reservation (and through it the products it holds). */
    public static final LockKeys<ReleaseStock, StockLockKey> RELEASE_ROWS =
            LockKeys.one(release -> StockLockKey.reservation(release.orderId()));
    /** A commit touches its order's reservation (and through it the products it holds). */
    public static final LockKeys<CommitStock, StockLockKey> COMMIT_ROWS =
            LockKeys.one(commit -> StockLockKey.reservation(commit.orderId()));

    private final StockStore store;

    StockCommands(StockStore store) {
        this.store = store;
    }

    /**
     * Locks what a batch of several command types touches before their handlers run ({@link BatchLock}): the
     * reservations that release and commit change, and every product of the batch, each set once, in id order.
     */
    public Uni<Void> lockRows(SqlConnection transaction, Set<StockLockKey> rows) {
        Set<UUID> reservationOrders = new LinkedHashSet<>();
        Set<UUID> products = new LinkedHashSet<>();
        for (StockLockKey row : rows) {
            if (row.reservationOf() != null) {
                reservationOrders.add(row.reservationOf());
            }
            if (row.product() != null) {
                products.add(row.product());
            }
        }
        return store.lockForBatch(transaction, reservationOrders, products);
    }

    /** All lines or none, per order; a repeated reserve for an order replies the recorded outcome again. */
    public Uni<Void> reserve(SqlConnection transaction, List<Received<ReserveStock>> commands, OutboxBatch outbox) {
        Map<UUID, List<StockRequest>> requests = new LinkedHashMap<>();
        for (Received<ReserveStock> command : commands) {
            requests.putIfAbsent(command.payload().orderId(), requestsOf(command.payload()));
        }
        // every product the commands name, locked in the same round trip as the read of the recorded outcomes (an
        // order that has one already, a repeated command, only costs its products an unneeded lock)
        Set<UUID> wanted = new java.util.TreeSet<>();
        requests.values().forEach(lines -> lines.forEach(line -> wanted.add(line.productId())));
        return Uni.combine().all().unis(store.reservations(transaction, requests.keySet(), false),
                store.lockProducts(transaction, wanted)).asTuple().invoke(loaded -> {
            Map<UUID, StockReservation> recorded = loaded.getItem1();
            Map<UUID, Product> locked = loaded.getItem2();
            Map<UUID, StockReservation> decided = new LinkedHashMap<>(recorded);
            List<StockReservation> placed = new ArrayList<>();
            for (Received<ReserveStock> command : commands) {
                UUID orderId = command.payload().orderId();
                StockReservation reservation = decided.get(orderId);
                if (reservation != null) {
                    Log.infof("Order %s already has a %s stock reservation: replying it again to message %s",
                            orderId, reservation.status(), command.envelope().id());
                } else {
                    reservation = StockReservation.place(orderId, requests.get(orderId), locked);
                    decided.put(orderId, reservation);
                    placed.add(reservation);
                    logOutcome(reservation, command.envelope());
                }
                replyReserveOutcome(reservation, command.envelope(), outbox);
            }
            outbox.writeWithCommit(store.insert(transaction, placed));
            outbox.writeWithCommit(store.updateProducts(transaction, productsOf(placed, locked)));
        }).replaceWithVoid();
    }

    /** Returns whatever each order holds (reserved or already sold); always replies stock.released. */
    public Uni<Void> release(SqlConnection transaction, List<Received<ReleaseStock>> commands, OutboxBatch outbox) {
        Set<UUID> orderIds = new LinkedHashSet<>();
        commands.forEach(command -> orderIds.add(command.payload().orderId()));
        return store.reservations(transaction, orderIds, true).chain(recorded -> store.lockProducts(transaction,
                productsHeld(recorded.values())).chain(locked -> {
                    Map<UUID, StockReservation> known = new LinkedHashMap<>(recorded);
                    List<StockReservation> placed = new ArrayList<>();
                    Map<UUID, StockReservation> changed = new LinkedHashMap<>();
                    for (Received<ReleaseStock> command : commands) {
                        UUID orderId = command.payload().orderId();
                        Envelope cause = command.envelope();
                        StockReservation reservation = known.get(orderId);
                        if (reservation == null) {
                            Log.infof("Release of order %s before any reservation (message %s): nothing to return, a "
                                    + "later reserve for it will be rejected", orderId, cause.id());
                            reservation = StockReservation.releasedBeforePlaced(orderId);
                            known.put(orderId, reservation);
                            placed.add(reservation);
                            replyReleased(orderId, List.of(), cause, outbox);
                            continue;
                        }
                        List<ReservationLine> returned = reservation.release(locked);
                        if (!returned.isEmpty() && !placed.contains(reservation)) {
                            changed.put(orderId, reservation);
                        }
                        Log.infof("Released stock of order %s (message %s, reason %s): %d line(s) returned, now %s",
                                orderId, cause.id(), command.payload().reason(), returned.size(), reservation.status());
                        replyReleased(orderId, returned, cause, outbox);
                    }
                    outbox.writeWithCommit(store.insert(transaction, placed));
                    outbox.writeWithCommit(store.updateStatuses(transaction, changed.values()));
                    outbox.writeWithCommit(store.updateProducts(transaction, productsOf(changed.values(), locked)));
                    return Uni.createFrom().voidItem();
                }));
    }

    /** Each order was confirmed: its reserved stock becomes sold. No reply; repeating it is a no-op. */
    public Uni<Void> commit(SqlConnection transaction, List<Received<CommitStock>> commands, OutboxBatch outbox) {
        Set<UUID> orderIds = new LinkedHashSet<>();
        commands.forEach(command -> orderIds.add(command.payload().orderId()));
        return store.reservations(transaction, orderIds, true).chain(recorded -> store.lockProducts(transaction,
                productsHeld(recorded.values())).chain(locked -> {
                    Map<UUID, StockReservation> changed = new LinkedHashMap<>();
                    for (Received<CommitStock> command : commands) {
                        UUID orderId = command.payload().orderId();
                        StockReservation reservation = recorded.get(orderId);
                        if (reservation == null) {
                            Log.warnf("Commit of order %s without a stock reservation (message %s): nothing to "
                                    + "commit", orderId, command.envelope().id());
                        } else if (commitOrReject(reservation, locked)) {
                            changed.put(orderId, reservation);
                            Log.debugf("Committed stock of order %s (message %s)", orderId, command.envelope().id());
                        } else {
                            Log.infof("Stock of order %s is already %s: commit (message %s) is a no-op", orderId,
                                    reservation.status(), command.envelope().id());
                        }
                    }
                    outbox.writeWithCommit(store.updateStatuses(transaction, changed.values()));
                    outbox.writeWithCommit(store.updateProducts(transaction, productsOf(changed.values(), locked)));
                    return Uni.createFrom().voidItem();
                }));
    }

    private static Set<UUID> productsHeld(Iterable<StockReservation> reservations) {
        Set<UUID> ids = new java.util.TreeSet<>();
        for (StockReservation reservation : reservations) {
            if (reservation.holdsStock()) {
                ids.addAll(reservation.productIds());
            }
        }
        return ids;
    }

    /** The locked products whose counters these reservations moved. */
    private static Set<Product> productsOf(java.util.Collection<StockReservation> reservations,
            Map<UUID, Product> locked) {
        Set<Product> changed = new LinkedHashSet<>();
        for (StockReservation reservation : reservations) {
            reservation.productIds().stream().map(locked::get).filter(java.util.Objects::nonNull)
                    .forEach(changed::add);
        }
        return changed;
    }

    private static void replyReserveOutcome(StockReservation reservation, Envelope cause, OutboxBatch outbox) {
        String orderId = reservation.orderId().toString();
        if (reservation.wasReserved()) {
            List<ReservedLine> lines = reservation.lines().stream()
                    .map(line -> new ReservedLine(line.productId(), line.sku(), line.quantity(), line.unitPrice()))
                    .toList();
            outbox.reply(Contracts.STOCK_RESERVED, new StockReserved(reservation.orderId(), lines,
                    reservation.total()), orderId, cause);
        } else if (reservation.wasRejected()) {
            List<ShortLine> shortLines = reservation.shortages().stream()
                    .map(s -> new ShortLine(s.productId(), s.sku(), s.wanted(), s.available()))
                    .toList();
            outbox.reply(Contracts.STOCK_REJECTED, new StockRejected(reservation.orderId(),
                    reservation.rejectionReason(), shortLines), orderId, cause);
        } else {
            outbox.reply(Contracts.STOCK_REJECTED, new StockRejected(reservation.orderId(),
                    "order " + orderId + " was released before its stock was reserved", List.of()), orderId, cause);
        }
    }

    private static void replyReleased(UUID orderId, List<ReservationLine> returned, Envelope cause,
            OutboxBatch outbox) {
        List<StockLine> lines = returned.stream().map(line -> new StockLine(line.productId(), line.quantity()))
                .toList();
        outbox.reply(Contracts.STOCK_RELEASED, new StockReleased(orderId, lines), orderId.toString(), cause);
    }

    private static boolean commitOrReject(StockReservation reservation, Map<UUID, Product> locked) {
        try {
            return reservation.commit(locked);
        } catch (IllegalStateException e) {
            // ordering never commits what it released; if it does, an operator must look: park it in the DLQ
            throw new RejectedMessageException(e.getMessage());
        }
    }

    private static List<StockRequest> requestsOf(ReserveStock command) {
        if (command.lines() == null || command.lines().isEmpty()) {
            throw new RejectedMessageException("stock.reserve for order " + command.orderId() + " has no lines");
        }
        try {
            return StockRequest.merge(command.lines().stream()
                    .map(line -> new StockRequest(line.productId(), line.quantity()))
                    .toList());
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new RejectedMessageException("stock.reserve for order " + command.orderId() + " is invalid: "
                    + e.getMessage());
        }
    }

    private static void logOutcome(StockReservation reservation, Envelope cause) {
        if (reservation.wasReserved()) {
            Log.debugf("Reserved stock for order %s (message %s): %d line(s), total %s", reservation.orderId(),
                    cause.id(), reservation.lines().size(), reservation.total());
        } else {
            Log.infof("Rejected stock reservation for order %s (message %s): %s", reservation.orderId(), cause.id(),
                    reservation.rejectionReason());
        }
    }
}

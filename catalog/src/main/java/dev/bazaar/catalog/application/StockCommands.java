package dev.bazaar.catalog.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ReservationLine;
import dev.bazaar.catalog.domain.StockRequest;
import dev.bazaar.catalog.domain.StockReservation;
import dev.bazaar.catalog.infrastructure.ProductRepository;
import dev.bazaar.catalog.infrastructure.StockReservationRepository;
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
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Catalog's part of the order saga: reserve, release and commit stock for an order. Each handler runs in the
 * transaction the inbox opened for the message, so the stock change, the recorded outcome and the reply (through
 * the outbox) commit together or not at all.
 */
@ApplicationScoped
public class StockCommands {

    private final ProductRepository products;
    private final StockReservationRepository reservations;
    private final Outbox outbox;

    StockCommands(ProductRepository products, StockReservationRepository reservations, Outbox outbox) {
        this.products = products;
        this.reservations = reservations;
        this.outbox = outbox;
    }

    /** All lines or none; a repeated reserve for the same order replies the recorded outcome again. */
    @WithTransaction
    public Uni<Void> reserve(ReserveStock command, Envelope envelope) {
        UUID orderId = command.orderId();
        return reservations.findReservation(orderId).flatMap(recorded -> {
            if (recorded != null) {
                Log.infof("Order %s already has a %s stock reservation: replying it again to message %s", orderId,
                        recorded.status(), envelope.id());
                return replyReserveOutcome(recorded, envelope);
            }
            List<StockRequest> requests = requestsOf(command);
            return products.lockAll(requests.stream().map(StockRequest::productId).toList()).flatMap(locked -> {
                StockReservation reservation = StockReservation.place(orderId, requests, locked);
                return reservations.add(reservation)
                        .call(() -> products.saveAll(locked.values()))
                        .call(() -> replyReserveOutcome(reservation, envelope))
                        .invoke(() -> logOutcome(reservation, envelope));
            });
        });
    }

    /** Returns whatever the order holds (reserved or already sold); always replies stock.released. */
    @WithTransaction
    public Uni<Void> release(ReleaseStock command, Envelope envelope) {
        UUID orderId = command.orderId();
        return reservations.findReservationForUpdate(orderId).flatMap(recorded -> {
            if (recorded == null) {
                Log.infof("Release of order %s before any reservation (message %s): nothing to return, a later "
                        + "reserve for it will be rejected", orderId, envelope.id());
                return reservations.add(StockReservation.releasedBeforePlaced(orderId))
                        .call(() -> replyReleased(orderId, List.of(), envelope));
            }
            return lockProductsOf(recorded).flatMap(locked -> {
                List<ReservationLine> returned = recorded.release(locked);
                Log.infof("Released stock of order %s (message %s, reason %s): %d line(s) returned, now %s", orderId,
                        envelope.id(), command.reason(), returned.size(), recorded.status());
                return products.saveAll(locked.values())
                        .call(() -> reservations.saveStatus(recorded))
                        .call(() -> replyReleased(orderId, returned, envelope));
            });
        });
    }

    /** The order was confirmed: reserved stock becomes sold. No reply; repeating it is a no-op. */
    @WithTransaction
    public Uni<Void> commit(CommitStock command, Envelope envelope) {
        UUID orderId = command.orderId();
        return reservations.findReservationForUpdate(orderId).flatMap(recorded -> {
            if (recorded == null) {
                Log.warnf("Commit of order %s without a stock reservation (message %s): nothing to commit", orderId,
                        envelope.id());
                return Uni.createFrom().voidItem();
            }
            return lockProductsOf(recorded).flatMap(locked -> {
                if (!commitOrReject(recorded, locked)) {
                    Log.infof("Stock of order %s is already %s: commit (message %s) is a no-op", orderId,
                            recorded.status(), envelope.id());
                    return Uni.createFrom().voidItem();
                }
                Log.infof("Committed stock of order %s (message %s)", orderId, envelope.id());
                return products.saveAll(locked.values()).call(() -> reservations.saveStatus(recorded));
            });
        });
    }

    private Uni<Map<UUID, Product>> lockProductsOf(StockReservation reservation) {
        if (!reservation.holdsStock()) {
            return Uni.createFrom().item(Map.of());
        }
        return products.lockAll(reservation.productIds());
    }

    private Uni<Void> replyReserveOutcome(StockReservation reservation, Envelope cause) {
        String orderId = reservation.orderId().toString();
        if (reservation.wasReserved()) {
            List<ReservedLine> lines = reservation.lines().stream()
                    .map(line -> new ReservedLine(line.productId(), line.sku(), line.quantity(), line.unitPrice()))
                    .toList();
            StockReserved reply = new StockReserved(reservation.orderId(), lines, reservation.total());
            return outbox.reply(Contracts.STOCK_RESERVED, reply, orderId, cause).replaceWithVoid();
        }
        if (reservation.wasRejected()) {
            List<ShortLine> shortLines = reservation.shortages().stream()
                    .map(s -> new ShortLine(s.productId(), s.sku(), s.wanted(), s.available()))
                    .toList();
            StockRejected reply = new StockRejected(reservation.orderId(), reservation.rejectionReason(), shortLines);
            return outbox.reply(Contracts.STOCK_REJECTED, reply, orderId, cause).replaceWithVoid();
        }
        StockRejected reply = new StockRejected(reservation.orderId(),
                "order " + orderId + " was released before its stock was reserved", List.of());
        return outbox.reply(Contracts.STOCK_REJECTED, reply, orderId, cause).replaceWithVoid();
    }

    private Uni<Void> replyReleased(UUID orderId, List<ReservationLine> returned, Envelope cause) {
        List<StockLine> lines = returned.stream().map(line -> new StockLine(line.productId(), line.quantity())).toList();
        return outbox.reply(Contracts.STOCK_RELEASED, new StockReleased(orderId, lines), orderId.toString(), cause)
                .replaceWithVoid();
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
            Log.infof("Reserved stock for order %s (message %s): %d line(s), total %s", reservation.orderId(),
                    cause.id(), reservation.lines().size(), reservation.total());
        } else {
            Log.infof("Rejected stock reservation for order %s (message %s): %s", reservation.orderId(), cause.id(),
                    reservation.rejectionReason());
        }
    }
}

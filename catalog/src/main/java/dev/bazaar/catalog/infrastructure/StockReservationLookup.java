package dev.bazaar.catalog.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An order's stock reservation as catalog sees it, for the operator console: its status, total and lines, or the
 * shortages it was rejected for. Three plain queries on the pool, sent together, off the message path.
 */
@ApplicationScoped
public class StockReservationLookup {

    private static final String RESERVATION = "select status, total, reason, created_at, updated_at "
            + "from stock_reservation where order_id = $1";
    private static final String LINES = "select product_id, sku, quantity, unit_price from stock_reservation_line "
            + "where order_id = $1 order by sku";
    private static final String SHORTAGES = "select product_id, sku, wanted, available from stock_shortage "
            + "where order_id = $1 order by sku";

    private final Pool pool;

    StockReservationLookup(Pool pool) {
        this.pool = pool;
    }

    /** One reserved line, priced when it was reserved. */
    public record Line(UUID productId, String sku, int quantity,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {
    }

    /** A line that could not be reserved. */
    public record Shortage(UUID productId, String sku, int wanted, int available) {
    }

    /** RESERVED, COMMITTED, RELEASED, RETURNED or REJECTED (with its reason and shortages). */
    public record Reservation(UUID orderId, String status, @JsonFormat(shape = JsonFormat.Shape.STRING)
            BigDecimal total, String reason, Instant createdAt, Instant updatedAt, List<Line> lines,
            List<Shortage> shortages) {
    }

    /** The order's reservation, or empty when catalog never heard of the order. */
    public Uni<Optional<Reservation>> find(UUID orderId) {
        Tuple id = Tuple.of(orderId);
        return Uni.combine().all().unis(pool.preparedQuery(RESERVATION).execute(id),
                        pool.preparedQuery(LINES).execute(id), pool.preparedQuery(SHORTAGES).execute(id))
                .asTuple().map(rows -> {
                    if (rows.getItem1().size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.getItem1().iterator().next();
                    List<Line> lines = new ArrayList<>();
                    rows.getItem2().forEach(line -> lines.add(new Line(line.getUUID("product_id"),
                            line.getString("sku"), line.getInteger("quantity"), line.getBigDecimal("unit_price"))));
                    List<Shortage> shortages = new ArrayList<>();
                    rows.getItem3().forEach(line -> shortages.add(new Shortage(line.getUUID("product_id"),
                            line.getString("sku"), line.getInteger("wanted"), line.getInteger("available"))));
                    return Optional.of(new Reservation(orderId, row.getString("status"), row.getBigDecimal("total"),
                            row.getString("reason"), row.getOffsetDateTime("created_at").toInstant(),
                            row.getOffsetDateTime("updated_at").toInstant(), lines, shortages));
                });
    }
}

package dev.bazaar.catalog.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.bazaar.catalog.application.StockReservationNotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An order's stock reservation as catalog sees it, for the operator console: its status, total and lines, or the
 * shortages it was rejected for. Read straight from the pool, off the message path.
 */
@Path("/admin/stock-reservations")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator console")
public class StockReservationResource {

    private static final String RESERVATION = "select status, total, reason, created_at, updated_at "
            + "from stock_reservation where order_id = $1";
    private static final String LINES = "select product_id, sku, quantity, unit_price from stock_reservation_line "
            + "where order_id = $1 order by sku";
    private static final String SHORTAGES = "select product_id, sku, wanted, available from stock_shortage "
            + "where order_id = $1 order by sku";

    private final Pool pool;

    StockReservationResource(Pool pool) {
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

    @GET
    @Path("{orderId}")
    @Operation(summary = "The stock reservation of an order", description = "404 when catalog never heard of it.")
    public Uni<Reservation> get(@RestPath UUID orderId) {
        Tuple id = Tuple.of(orderId);
        return Uni.combine().all().unis(pool.preparedQuery(RESERVATION).execute(id),
                        pool.preparedQuery(LINES).execute(id), pool.preparedQuery(SHORTAGES).execute(id))
                .asTuple().map(rows -> {
                    RowSet<Row> reservation = rows.getItem1();
                    if (reservation.size() == 0) {
                        throw new StockReservationNotFoundException(orderId);
                    }
                    Row row = reservation.iterator().next();
                    List<Line> lines = new ArrayList<>();
                    rows.getItem2().forEach(line -> lines.add(new Line(line.getUUID("product_id"),
                            line.getString("sku"), line.getInteger("quantity"), line.getBigDecimal("unit_price"))));
                    List<Shortage> shortages = new ArrayList<>();
                    rows.getItem3().forEach(line -> shortages.add(new Shortage(line.getUUID("product_id"),
                            line.getString("sku"), line.getInteger("wanted"), line.getInteger("available"))));
                    return new Reservation(orderId, row.getString("status"), row.getBigDecimal("total"),
                            row.getString("reason"), row.getOffsetDateTime("created_at").toInstant(),
                            row.getOffsetDateTime("updated_at").toInstant(), lines, shortages);
                });
    }
}

package dev.bazaar.user.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The operator console's questions to the user service: an order's credit hold as this service sees it, and who has
 * an e-mail address. Plain queries on the pool, off the message path.
 */
@ApplicationScoped
public class ConsoleLookups {

    private static final String HOLD = "select order_id, customer_id, amount, status, reason, available, created_at, "
            + "updated_at from credit_hold where order_id = $1";
    private static final String CUSTOMER = "select id, email, name, role, created_at from customer "
            + "where lower(email) = $1";

    private final Pool pool;

    ConsoleLookups(Pool pool) {
        this.pool = pool;
    }

    /** HELD, CAPTURED, RELEASED, REFUNDED or REJECTED (with the reason and what was available). */
    public record CreditHoldView(UUID orderId, UUID customerId,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String status, String reason,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal available, Instant createdAt,
            Instant updatedAt) {
    }

    /** A customer found by e-mail. */
    public record CustomerView(UUID id, String email, String name, String role, Instant createdAt) {
    }

    /** The order's credit hold, or empty when this service never heard of the order. */
    public Uni<Optional<CreditHoldView>> creditHold(UUID orderId) {
        return pool.preparedQuery(HOLD).execute(Tuple.of(orderId)).map(rows -> first(rows).map(row ->
                new CreditHoldView(row.getUUID("order_id"), row.getUUID("customer_id"), row.getBigDecimal("amount"),
                        row.getString("status"), row.getString("reason"), row.getBigDecimal("available"),
                        row.getOffsetDateTime("created_at").toInstant(),
                        row.getOffsetDateTime("updated_at").toInstant())));
    }

    /** The customer whose e-mail address, lower-cased, is {@code email} (already lower case), or empty. */
    public Uni<Optional<CustomerView>> customerByEmail(String email) {
        return pool.preparedQuery(CUSTOMER).execute(Tuple.of(email)).map(rows -> first(rows).map(row ->
                new CustomerView(row.getUUID("id"), row.getString("email"), row.getString("name"),
                        row.getString("role"), row.getOffsetDateTime("created_at").toInstant())));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }
}

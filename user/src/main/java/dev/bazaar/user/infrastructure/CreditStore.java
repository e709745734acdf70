package dev.bazaar.user.infrastructure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.user.domain.CreditAccount;
import dev.bazaar.user.domain.CreditHold;
import dev.bazaar.user.domain.HoldStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plain SQL for the credit commands of the saga, many orders per statement, on the transaction of a message batch.
 * The same tables as the Panache entities; statements are prepared once per connection (cached).
 */
@ApplicationScoped
public class CreditStore {

    private static final String LOCK_ACCOUNTS = "select customer_id, balance, held, captured, topped_up "
            + "from credit_account where customer_id = any($1) order by customer_id for update";
    private static final String HOLDS = "select order_id, customer_id, amount, status, reason, available, created_at, "
            + "updated_at from credit_hold where order_id = any($1)";
    private static final String INSERT_HOLDS = "insert into credit_hold "
            + "(order_id, customer_id, amount, status, reason, available, created_at, updated_at) select * from "
            + "unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[], $5::text[], $6::numeric[], "
            + "$7::timestamptz[], $8::timestamptz[])";
    private static final String UPDATE_HOLDS = "update credit_hold h set status = u.status, updated_at = u.updated_at, "
            + "version = h.version + 1 from unnest($1::uuid[], $2::text[], $3::timestamptz[]) "
            + "as u(order_id, status, updated_at) where h.order_id = u.order_id";
    private static final String UPDATE_ACCOUNTS = "update credit_account a set balance = u.balance, held = u.held, "
            + "captured = u.captured, version = a.version + 1 "
            + "from unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::numeric[]) "
            + "as u(customer_id, balance, held, captured) where a.customer_id = u.customer_id";

    /**
     * Row-locks the customers' accounts in id order (commands for one customer are decided one at a time, on any
     * replica, and two batches never wait on each other in a cycle); those that exist, by customer id.
     */
    public Uni<Map<UUID, CreditAccount>> lockAccounts(SqlConnection transaction, Collection<UUID> customerIds) {
        return transaction.preparedQuery(LOCK_ACCOUNTS)
                .execute(Tuple.of(customerIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, CreditAccount> accounts = new HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("customer_id");
                        accounts.put(id, CreditAccount.restore(id, row.getBigDecimal("balance"),
                                row.getBigDecimal("held"), row.getBigDecimal("captured"),
                                row.getBigDecimal("topped_up")));
                    }
                    return accounts;
                });
    }

    /** The recorded holds of these orders, by order id. */
    public Uni<Map<UUID, CreditHold>> holds(SqlConnection transaction, Collection<UUID> orderIds) {
        return transaction.preparedQuery(HOLDS)
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, CreditHold> holds = new HashMap<>();
                    for (Row row : rows) {
                        UUID orderId = row.getUUID("order_id");
                        holds.put(orderId, CreditHold.restore(orderId, row.getUUID("customer_id"),
                                row.getBigDecimal("amount"), HoldStatus.valueOf(row.getString("status")),
                                row.getString("reason"), row.getBigDecimal("available"),
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getOffsetDateTime("updated_at").toInstant()));
                    }
                    return holds;
                });
    }

    public Uni<Void> insertHolds(SqlConnection transaction, Collection<CreditHold> holds) {
        if (holds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(INSERT_HOLDS)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(holds.stream().map(CreditHold::orderId).toArray(UUID[]::new))
                        .addArrayOfUUID(holds.stream().map(CreditHold::customerId).toArray(UUID[]::new))
                        .addArrayOfBigDecimal(holds.stream().map(CreditHold::amount).toArray(BigDecimal[]::new))
                        .addArrayOfString(holds.stream().map(hold -> hold.status().name()).toArray(String[]::new))
                        .addArrayOfString(holds.stream().map(CreditHold::reason).toArray(String[]::new))
                        .addArrayOfBigDecimal(holds.stream().map(CreditHold::available).toArray(BigDecimal[]::new))
                        .addArrayOfOffsetDateTime(holds.stream().map(hold -> utc(hold.createdAt()))
                                .toArray(OffsetDateTime[]::new))
                        .addArrayOfOffsetDateTime(holds.stream().map(hold -> utc(hold.updatedAt()))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> updateHolds(SqlConnection transaction, Collection<CreditHold> holds) {
        if (holds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(UPDATE_HOLDS)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(holds.stream().map(CreditHold::orderId).toArray(UUID[]::new))
                        .addArrayOfString(holds.stream().map(hold -> hold.status().name()).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(holds.stream().map(hold -> utc(hold.updatedAt()))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> updateAccounts(SqlConnection transaction, Collection<CreditAccount> accounts) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(UPDATE_ACCOUNTS)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(accounts.stream().map(CreditAccount::customerId).toArray(UUID[]::new))
                        .addArrayOfBigDecimal(accounts.stream().map(CreditAccount::balance)
                                .toArray(BigDecimal[]::new))
                        .addArrayOfBigDecimal(accounts.stream().map(CreditAccount::held).toArray(BigDecimal[]::new))
                        .addArrayOfBigDecimal(accounts.stream().map(CreditAccount::captured)
                                .toArray(BigDecimal[]::new)))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

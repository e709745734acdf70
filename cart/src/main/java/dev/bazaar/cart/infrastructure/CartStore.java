package dev.bazaar.cart.infrastructure;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.domain.CartStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plain SQL for cart's message handlers, many carts per statement, on the transaction of a message batch: lock the
 * carts checked out as a batch's orders with one statement (in id order), and write their new state with one. The
 * same table as the Panache entity, which the HTTP API keeps using. Outcomes change only the cart's own columns, so
 * its lines are not loaded.
 */
@ApplicationScoped
public class CartStore {

    private static final String LOCK_BY_ORDER = "select id, customer_id, status, order_id, last_rejection from cart "
            + "where order_id = any($1) order by id for update";
    private static final String UPDATE = "update cart c set status = u.status, order_id = u.order_id, "
            + "last_rejection = u.last_rejection, updated_at = now(), version = c.version + 1 "
            + "from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) as u(id, status, order_id, last_rejection) "
            + "where c.id = u.id";

    /** Loads and row-locks the carts checked out as (or closed by) these orders, by order id; without their lines. */
    public Uni<Map<UUID, Cart>> lockByOrderIds(SqlConnection transaction, Collection<UUID> orderIds) {
        return transaction.preparedQuery(LOCK_BY_ORDER)
                .execute(Tuple.of(new TreeSet<>(orderIds).toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Cart> carts = new HashMap<>();
                    for (Row row : rows) {
                        carts.put(row.getUUID("order_id"), Cart.restore(row.getUUID("id"), row.getUUID("customer_id"),
                                CartStatus.valueOf(row.getString("status")), row.getUUID("order_id"),
                                row.getString("last_rejection"), Map.of()));
                    }
                    return carts;
                });
    }

    /** Writes the status, order and last rejection of these carts with one statement. */
    public Uni<Void> updateStates(SqlConnection transaction, Collection<Cart> carts) {
        if (carts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(UPDATE).execute(Tuple.tuple()
                        .addArrayOfUUID(carts.stream().map(Cart::id).toArray(UUID[]::new))
                        .addArrayOfString(carts.stream().map(cart -> cart.status().name()).toArray(String[]::new))
                        .addArrayOfUUID(carts.stream().map(Cart::orderId).toArray(UUID[]::new))
                        .addArrayOfString(carts.stream().map(Cart::lastRejection).toArray(String[]::new)))
                .replaceWithVoid();
    }
}

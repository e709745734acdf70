package dev.bazaar.cart.testsupport;

import static dev.bazaar.infra.testing.TestDatabase.rows;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.events.Envelope;
import dev.bazaar.infra.testing.TestDatabase;

/** Direct reads of cart's tables over JDBC, independent of the code under test. */
public final class CartDatabase {

    private CartDatabase() {
    }

    /** @return the product's copy, or null */
    public static ProductCopyRow productCopy(UUID productId) {
        List<List<Object>> rows = rows("select sku, name, price, price_as_of from product_copy where product_id = ?",
                productId);
        if (rows.isEmpty()) {
            return null;
        }
        List<Object> row = rows.get(0);
        return new ProductCopyRow((String) row.get(0), (String) row.get(1), (BigDecimal) row.get(2),
                ((OffsetDateTime) row.get(3)).toInstant());
    }

    /** Every cart of the customer as "status order_id", oldest first. */
    public static List<String> carts(UUID customerId) {
        return rows("select status, order_id from cart where customer_id = ? order by created_at, id", customerId)
                .stream().map(row -> row.get(0) + " " + row.get(1)).toList();
    }

    /** Every cart and line of the customer with every column: compare two snapshots to prove nothing changed. */
    public static List<String> snapshot(UUID customerId) {
        List<String> snapshot = new ArrayList<>();
        rows("select * from cart where customer_id = ? order by id", customerId).forEach(row ->
                snapshot.add(String.valueOf(row)));
        rows("select l.* from cart_line l join cart c on c.id = l.cart_id where c.customer_id = ? "
                + "order by l.cart_id, l.product_id", customerId).forEach(row -> snapshot.add(String.valueOf(row)));
        return snapshot;
    }

    /** Waits until cart's inbox recorded the message: it was applied (or found to change nothing) and committed. */
    public static void awaitHandled(Envelope envelope) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.handled(envelope.id()));
    }
}

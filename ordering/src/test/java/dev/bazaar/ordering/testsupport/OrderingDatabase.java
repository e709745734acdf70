package dev.bazaar.ordering.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.bazaar.infra.testing.TestDatabase;

/** Direct reads (and a deadline shortcut) on ordering's tables over JDBC, independent of the code under test. */
public final class OrderingDatabase {

    private OrderingDatabase() {
    }

    public static long orders(UUID orderId) {
        return TestDatabase.count("select count(*) from orders where id = ?", orderId);
    }

    public static long ordersOf(UUID customerId) {
        return TestDatabase.count("select count(*) from orders where customer_id = ?", customerId);
    }

    public static String status(UUID orderId) {
        return (String) TestDatabase.scalar("select status from orders where id = ?", orderId);
    }

    public static List<String> steps(UUID orderId) {
        return TestDatabase.strings("select step from saga_step where order_id = ? order by id", orderId);
    }

    public static long stepsNamed(UUID orderId, String step) {
        return steps(orderId).stream().filter(step::equals).count();
    }

    /** Moves the order's deadline into the past, as if its participant had been silent for the whole deadline. */
    public static void expireDeadline(UUID orderId) {
        TestDatabase.update("update orders set deadline_at = now() - interval '1 second' "
                + "where id = ? and deadline_at is not null", orderId);
    }

    /** Moves the order's placement (and last change) into the past, as for an order that waited that long. */
    public static void placedAgo(UUID orderId, Duration ago) {
        long millis = ago.toMillis();
        TestDatabase.update("update orders set created_at = created_at - ? * interval '1 ms', "
                + "updated_at = updated_at - ? * interval '1 ms' where id = ?", millis, millis, orderId);
    }

    public static Connection connect() throws SQLException {
        return TestDatabase.connect();
    }
}

package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.Shop.Customer;
import dev.bazaar.e2e.checker.CheckReport;
import io.restassured.path.json.JsonPath;

/** The order saga across the four running services, driven over HTTP as a customer and an admin would. */
class OrderSagaIT {

    private static final Duration OUTCOME = Duration.ofSeconds(30);

    private final BazaarSystem system = BazaarSystem.shared();
    private final Shop shop = new Shop(system);

    @AfterEach
    void invariantsHold() {
        CheckReport report = system.awaitQuietAndCheck(Duration.ofSeconds(60));
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void checkoutOfAFundedCartInStockEndsConfirmedAndChargesTheTotal() {
        Customer ada = shop.signUp("Ada");
        shop.topUp(ada, "100.00");
        UUID mug = shop.createProduct("MUG", "12.50", 10);
        shop.putInCart(ada, mug, 2);

        UUID orderId = shop.checkout(ada, null);
        JsonPath order = shop.awaitOutcome(ada, orderId, OUTCOME);

        assertThat(order.getString("status")).isEqualTo("CONFIRMED");
        assertThat(new BigDecimal(order.getString("total"))).isEqualByComparingTo("25.00");
        assertThat(order.getList("steps")).isNotEmpty();
        JsonPath account = shop.account(ada);
        assertThat(new BigDecimal(account.getString("credit.balance"))).isEqualByComparingTo("75.00");
        assertThat(new BigDecimal(account.getString("credit.captured"))).isEqualByComparingTo("25.00");
        assertThat(shop.product(mug).getInt("available")).isEqualTo(8);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !orderId.toString().equals(shop.cart(ada).getString("orderId"))
                        && "OPEN".equals(shop.cart(ada).getString("status")));
    }

    @Test
    void shortStockRejectsTheOrderReopensTheCartAndReservesNothing() {
        Customer bob = shop.signUp("Bob");
        shop.topUp(bob, "500.00");
        UUID tee = shop.createProduct("TEE", "20.00", 1);
        shop.putInCart(bob, tee, 3);

        JsonPath order = shop.awaitOutcome(bob, shop.checkout(bob, null), OUTCOME);

        assertThat(order.getString("status")).isEqualTo("REJECTED");
        assertThat(order.getString("rejectionReason")).startsWith("out of stock").contains("wanted 3, have 1");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(shop.cart(bob).getString("status")));
        JsonPath cart = shop.cart(bob);
        assertThat(cart.getInt("lines[0].quantity")).isEqualTo(3);
        assertThat(cart.getString("lastRejection")).contains("out of stock");
        assertThat(shop.product(tee).getInt("available")).isEqualTo(1);
        assertThat(new BigDecimal(shop.account(bob).getString("credit.held"))).isEqualByComparingTo("0");
    }

    @Test
    void shortCreditRejectsTheOrderAndReleasesTheStock() {
        Customer carol = shop.signUp("Carol");
        shop.topUp(carol, "80.00");
        UUID lamp = shop.createProduct("LAMP", "60.00", 5);
        shop.putInCart(carol, lamp, 2);

        JsonPath order = shop.awaitOutcome(carol, shop.checkout(carol, null), OUTCOME);

        assertThat(order.getString("status")).isEqualTo("REJECTED");
        assertThat(order.getString("rejectionReason")).isEqualTo("insufficient credit: need 120.00, available 80.00");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shop.product(lamp).getInt("available") == 5);
        assertThat(new BigDecimal(shop.account(carol).getString("credit.balance"))).isEqualByComparingTo("80.00");
    }

    @Test
    void cancellingAConfirmedOrderReturnsTheStockAndRefundsTheCredit() {
        Customer dan = shop.signUp("Dan");
        shop.topUp(dan, "50.00");
        UUID book = shop.createProduct("BOOK", "15.00", 4);
        shop.putInCart(dan, book, 2);
        UUID orderId = shop.checkout(dan, null);
        assertThat(shop.awaitOutcome(dan, orderId, OUTCOME).getString("status")).isEqualTo("CONFIRMED");
        assertThat(shop.product(book).getInt("available")).isEqualTo(2);

        shop.cancel(dan, orderId);

        Awaitility.await().atMost(OUTCOME).until(() -> "CANCELLED".equals(shop.order(dan, orderId).getString("status")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shop.product(book).getInt("available") == 4);
        JsonPath account = shop.account(dan);
        assertThat(new BigDecimal(account.getString("credit.balance"))).isEqualByComparingTo("50.00");
        assertThat(new BigDecimal(account.getString("credit.captured"))).isEqualByComparingTo("0");
    }

    @Test
    void checkoutRetriedWithOneIdempotencyKeyCreatesOneOrder() {
        Customer eve = shop.signUp("Eve");
        shop.topUp(eve, "100.00");
        UUID pen = shop.createProduct("PEN", "3.00", 100);
        shop.putInCart(eve, pen, 5);
        String key = UUID.randomUUID().toString();

        UUID first = shop.checkout(eve, key);
        UUID second = shop.checkout(eve, key);
        UUID third = shop.checkout(eve, key);

        assertThat(List.of(second, third)).containsOnly(first);
        assertThat(shop.awaitOutcome(eve, first, OUTCOME).getString("status")).isEqualTo("CONFIRMED");
        List<String> mine = shop.call("ordering", eve.token()).get("/orders").then().statusCode(200).extract()
                .jsonPath().getList("items.id");
        assertThat(mine).containsExactly(first.toString());
        assertThat(shop.product(pen).getInt("available")).isEqualTo(95);
    }

    @Test
    void userServiceDownDuringCheckoutRejectsAfterTheCreditDeadlineAndReleasesTheStock() {
        Customer fay = shop.signUp("Fay");
        shop.topUp(fay, "100.00");
        UUID cup = shop.createProduct("CUP", "10.00", 3);
        shop.putInCart(fay, cup, 1);
        ServiceProcess user = system.service("user");
        user.stop();
        try {
            JsonPath order = shop.awaitOutcome(fay, shop.checkout(fay, null),
                    BazaarSystem.CREDIT_DEADLINE.plus(OUTCOME));

            assertThat(order.getString("status")).isEqualTo("REJECTED");
            assertThat(order.getString("rejectionReason")).contains("did not answer in time").contains("credit");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shop.product(cup).getInt("available") == 3);
        } finally {
            user.start();
            user.awaitReady(Duration.ofSeconds(90));
        }
        // Once back, the user service works off the queued reserve and release: nothing stays held.
        Awaitility.await().atMost(OUTCOME).until(() -> new BigDecimal(shop.account(fay).getString("credit.balance"))
                .compareTo(new BigDecimal("100.00")) == 0);
    }

    @Test
    void repricedProductIsChargedAtCatalogsPriceAtReservationTime() {
        Customer gus = shop.signUp("Gus");
        shop.topUp(gus, "100.00");
        UUID hat = shop.createProduct("HAT", "10.00", 10);
        shop.putInCart(gus, hat, 2);
        shop.reprice(hat, "12.00");

        JsonPath order = shop.awaitOutcome(gus, shop.checkout(gus, null), OUTCOME);

        assertThat(order.getString("status")).isEqualTo("CONFIRMED");
        assertThat(new BigDecimal(order.getString("total"))).isEqualByComparingTo("24.00");
        assertThat(new BigDecimal(order.getString("lines[0].unitPrice"))).isEqualByComparingTo("12.00");
        assertThat(new BigDecimal(shop.account(gus).getString("credit.captured"))).isEqualByComparingTo("24.00");
    }
}

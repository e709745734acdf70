package dev.bazaar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.Shop.Customer;
import dev.bazaar.e2e.checker.CheckReport;

/** Many customers checking out at once against stock and credit that cannot cover every order. */
class ConcurrentCheckoutsIT {

    private static final int CUSTOMERS = 20;
    private static final int CHECKOUTS_EACH = 10;

    private final BazaarSystem system = BazaarSystem.shared();
    private final Shop shop = new Shop(system);

    @Test
    void twoHundredConcurrentCheckoutsAllEndTerminalAndTheCheckerIsClean() throws Exception {
        List<UUID> products = List.of(shop.createProduct("LIM-A", "7.00", 60), shop.createProduct("LIM-B", "11.00", 40),
                shop.createProduct("LIM-C", "23.00", 25));
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            Customer customer = shop.signUp("Buyer " + i);
            shop.topUp(customer, i % 4 == 0 ? "30.00" : "150.00");
            customers.add(customer);
        }
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CUSTOMERS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Customer customer : customers) {
                runs.add(pool.submit(() -> {
                    for (int n = 0; n < CHECKOUTS_EACH; n++) {
                        shop.clearCart(customer);
                        UUID product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                        shop.putInCart(customer, product, 1 + ThreadLocalRandom.current().nextInt(3));
                        UUID order = shop.checkout(customer, UUID.randomUUID().toString());
                        String status = shop.awaitOutcome(customer, order, Duration.ofSeconds(60)).getString("status");
                        outcomes.merge(status, 1, Integer::sum);
                        awaitCartOpen(customer, order);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        CheckReport report = system.awaitQuietAndCheck(Duration.ofSeconds(60));
        System.out.printf("200 checkouts by %d customers: outcomes %s%n", CUSTOMERS, outcomes);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CUSTOMERS * CHECKOUTS_EACH);
        assertThat(outcomes).containsKeys("CONFIRMED", "REJECTED");
        assertThat(report.violations()).isEmpty();
    }

    /** After the outcome, cart closes (confirmed) or reopens (rejected) the checked-out cart. */
    private void awaitCartOpen(Customer customer, UUID order) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            var cart = shop.cart(customer);
            return "OPEN".equals(cart.getString("status")) && !order.toString().equals(cart.getString("orderId"));
        });
    }
}

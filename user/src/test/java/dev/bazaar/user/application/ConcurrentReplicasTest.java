package dev.bazaar.user.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.infra.testing.BatchHandlers;
import dev.bazaar.infra.testing.TestBroker;
import dev.bazaar.user.testsupport.UserApi;
import dev.bazaar.user.testsupport.UserApi.Credit;
import dev.bazaar.user.testsupport.UserDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Races that a single consumer never produces but several replicas do: the commands run at the same moment, each
 * in its own transaction, as if on different instances of the service.
 */
@QuarkusTest
class ConcurrentReplicasTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(10);

    @Inject
    CreditCommands commands;

    @Inject
    AdminBootstrap bootstrap;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void concurrentReservesInSeparateTransactionsNeverOverdraw() throws Exception {
        UUID customer = UserApi.registerWithCredit("race", "100.00");
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID());

        runTogether(orders.stream().map(order -> (Supplier<Uni<Void>>) () -> reserve(order, customer, "30.00"))
                .toList());

        assertThat(UserDatabase.scalar("select count(*) from credit_hold where customer_id = ? and status = 'HELD'",
                customer)).isEqualTo(3L);
        assertThat(UserDatabase.scalar("select count(*) from credit_hold where customer_id = ? and status = 'REJECTED'",
                customer)).isEqualTo(7L);
        assertThat(UserApi.credit(customer).sameAs(Credit.of("10.00", "90.00", "0.00"))).isTrue();
        CreditCommandsTest.assertMoneyIsConserved();
    }

    @Test
    void concurrentReservesOfOneOrderHoldOnce() throws Exception {
        UUID customer = UserApi.registerWithCredit("same-order", "100.00");
        UUID order = UUID.randomUUID();

        runTogether(List.of(() -> reserve(order, customer, "30.00"), () -> reserve(order, customer, "30.00"),
                () -> reserve(order, customer, "30.00"), () -> reserve(order, customer, "30.00")));

        assertThat(UserApi.credit(customer).sameAs(Credit.of("70.00", "30.00", "0.00"))).isTrue();
        assertThat(UserDatabase.scalar("select count(*) from outbox_message where correlation_id = ? "
                + "and message_type <> 'credit.reserved'", order.toString())).isEqualTo(0L);
    }

    @Test
    void twoReplicasBootstrappingTheSameAdministratorCreateOne() throws Exception {
        String email = UserApi.uniqueEmail("second-admin");

        runTogether(List.of(() -> bootstrap.ensureAdmin(email, "replica password"),
                () -> bootstrap.ensureAdmin(email, "replica password")));

        assertThat(UserDatabase.scalar("select count(*) from customer where email = ?", email)).isEqualTo(1L);
        assertThat(UserDatabase.scalar("select role from customer where email = ?", email)).isEqualTo("ADMIN");
        UserApi.login(email, "replica password");
    }

    private Uni<Void> reserve(UUID order, UUID customer, String amount) {
        ReserveCredit command = new ReserveCredit(order, customer, new BigDecimal(amount));
        Envelope envelope = TestBroker.envelope(Contracts.RESERVE_CREDIT, command, "ordering", order.toString(),
                order.toString());
        // the transaction infra's consumer would open around the handler, on a connection of its own
        return BatchHandlers.applyAlone(commands::reserve, command, envelope);
    }

    /** Starts all actions at once, each on its own Vert.x context (own session, own connection). */
    private void runTogether(List<Supplier<Uni<Void>>> actions) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> running = actions.stream().map(action -> threads.submit((Callable<Void>) () -> {
            start.await();
            try {
                return VertxContextSupport.subscribeAndAwait(action::get);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        start.countDown();
        for (Future<Void> future : running) {
            future.get(60, TimeUnit.SECONDS);
        }
    }
}

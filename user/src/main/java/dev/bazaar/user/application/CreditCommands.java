package dev.bazaar.user.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.credit.CaptureCredit;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.infra.inbox.Received;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.OutboxBatch;
import dev.bazaar.user.domain.CreditAccount;
import dev.bazaar.user.domain.CreditHold;
import dev.bazaar.user.domain.HoldStatus;
import dev.bazaar.user.domain.IllegalHoldTransitionException;
import dev.bazaar.user.domain.Money;
import dev.bazaar.user.infrastructure.CreditStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The user side of the order saga: reserve, release and capture credit, a batch of orders at a time, in the
 * transaction infra opened for the batch (which also claimed the messages in the inbox). Each handler locks the
 * accounts of every customer in the batch first, once and in id order (so concurrent commands for one customer are
 * decided one at a time, on any replica), reads the orders' holds with one statement, decides in memory with the
 * domain, and writes holds and accounts with one statement each; replies go through the batch's outbox.
 */
@ApplicationScoped
public class CreditCommands {

    private final CreditStore store;

    CreditCommands(CreditStore store) {
        this.store = store;
    }

    /**
     * Locks the accounts of a batch of several command types before their handlers run (a {@code BatchLock}): every
     * customer's account once, in id order, as each handler locks its own.
     */
    public Uni<Void> lockAccounts(SqlConnection transaction, Set<UUID> customers) {
        return store.lockAccounts(transaction, customers).replaceWithVoid();
    }

    /** Holds each amount if the balance covers it; a repeated reserve answers with the recorded outcome. */
    public Uni<Void> reserve(SqlConnection transaction, List<Received<ReserveCredit>> commands, OutboxBatch outbox) {
        Map<Received<ReserveCredit>, BigDecimal> amounts = new LinkedHashMap<>();
        for (Received<ReserveCredit> command : commands) {
            try {
                amounts.put(command, Money.positive(command.payload().amount()));
            } catch (IllegalArgumentException e) {
                throw new RejectedMessageException("invalid credit amount: " + e.getMessage());
            }
        }
        return load(transaction, commands, ReserveCredit::customerId, ReserveCredit::orderId).invoke(state -> {
            Instant now = Instant.now();
            for (Received<ReserveCredit> received : commands) {
                ReserveCredit command = received.payload();
                Envelope envelope = received.envelope();
                BigDecimal amount = amounts.get(received);
                CreditAccount account = state.accounts.get(command.customerId());
                if (account == null) {
                    Log.infof("Credit for order %s rejected: unknown customer %s (message %s)", command.orderId(),
                            command.customerId(), envelope.id());
                    replyRejected(rejected(command, "unknown customer " + command.customerId(), amount, Money.ZERO),
                            envelope, outbox);
                    continue;
                }
                CreditHold existing = state.holds.get(command.orderId());
                if (existing != null) {
                    Log.infof("Reserve for order %s repeated (message %s); hold is %s, answering without a second "
                            + "effect", command.orderId(), envelope.id(), existing.status());
                    answer(existing, command, account, envelope, outbox);
                    continue;
                }
                CreditHold hold = account.reserve(command.orderId(), amount, now);
                if (hold.status() != HoldStatus.HELD) {
                    Log.infof("Credit for order %s rejected: %s (message %s)", command.orderId(), hold.reason(),
                            envelope.id());
                }
                state.holds.put(command.orderId(), hold);
                state.added.add(hold);
                state.changedAccounts.add(account);
                answer(hold, command, account, envelope, outbox);
            }
            state.write(transaction, outbox);
        }).replaceWithVoid();
    }

    /** Gives each hold back, or refunds a captured charge; anything else is a no-op answered with 0.00. */
    public Uni<Void> release(SqlConnection transaction, List<Received<ReleaseCredit>> commands, OutboxBatch outbox) {
        return load(transaction, commands, ReleaseCredit::customerId, ReleaseCredit::orderId).invoke(state -> {
            Instant now = Instant.now();
            for (Received<ReleaseCredit> received : commands) {
                ReleaseCredit command = received.payload();
                Envelope envelope = received.envelope();
                CreditAccount account = state.accounts.get(command.customerId());
                if (account == null) {
                    Log.infof("Release of credit for order %s: unknown customer %s, nothing to return (message %s)",
                            command.orderId(), command.customerId(), envelope.id());
                    replyReleased(command, Money.ZERO, envelope, outbox);
                    continue;
                }
                CreditHold hold = state.holds.get(command.orderId());
                if (hold == null) {
                    Log.infof("Release of credit for order %s before any reserve; remembered, nothing returned "
                            + "(message %s)", command.orderId(), envelope.id());
                    CreditHold released = CreditHold.releasedBeforeReserve(command.orderId(), command.customerId(),
                            now);
                    state.holds.put(command.orderId(), released);
                    state.added.add(released);
                    replyReleased(command, Money.ZERO, envelope, outbox);
                    continue;
                }
                requireSameCustomer(hold, command.customerId(), envelope);
                HoldStatus before = hold.status();
                BigDecimal returned = account.release(hold, now);
                Log.infof("Released credit for order %s: %s -> %s, %s returned (message %s)", command.orderId(),
                        before, hold.status(), returned, envelope.id());
                state.changed(hold, account);
                replyReleased(command, returned, envelope, outbox);
            }
            state.write(transaction, outbox);
        }).replaceWithVoid();
    }

    /** Turns each order's hold into a charge. Unknown order: logged no-op; capture of a released hold: dead letter. */
    public Uni<Void> capture(SqlConnection transaction, List<Received<CaptureCredit>> commands, OutboxBatch outbox) {
        return load(transaction, commands, CaptureCredit::customerId, CaptureCredit::orderId).invoke(state -> {
            Instant now = Instant.now();
            for (Received<CaptureCredit> received : commands) {
                CaptureCredit command = received.payload();
                Envelope envelope = received.envelope();
                CreditAccount account = state.accounts.get(command.customerId());
                CreditHold hold = state.holds.get(command.orderId());
                if (account == null || hold == null) {
                    Log.warnf("Capture of credit for order %s of customer %s ignored: %s (message %s)",
                            command.orderId(), command.customerId(), account == null ? "unknown customer"
                                    : "unknown order", envelope.id());
                    continue;
                }
                requireSameCustomer(hold, command.customerId(), envelope);
                try {
                    account.capture(hold, now);
                } catch (IllegalHoldTransitionException e) {
                    // Capturing money that went back to the customer can never succeed; park it for an operator.
                    throw new RejectedMessageException(e.getMessage());
                }
                state.changed(hold, account);
            }
            state.write(transaction, outbox);
        }).replaceWithVoid();
    }

    private <C> Uni<Batch> load(SqlConnection transaction, List<Received<C>> commands,
            Function<C, UUID> customerOf, Function<C, UUID> orderOf) {
        Set<UUID> customers = new java.util.TreeSet<>();
        Set<UUID> orders = new LinkedHashSet<>();
        commands.forEach(command -> {
            customers.add(customerOf.apply(command.payload()));
            orders.add(orderOf.apply(command.payload()));
        });
        // both reads in one round trip: the accounts are locked first, in id order
        return Uni.combine().all().unis(store.lockAccounts(transaction, customers), store.holds(transaction, orders))
                .asTuple().map(loaded -> new Batch(loaded.getItem1(), loaded.getItem2()));
    }

    /** The accounts and holds a batch reads, and what it changes. */
    private final class Batch {

        final Map<UUID, CreditAccount> accounts;
        final Map<UUID, CreditHold> holds;
        final Set<CreditHold> added = new LinkedHashSet<>();
        final Set<CreditHold> changedHolds = new LinkedHashSet<>();
        final Set<CreditAccount> changedAccounts = new LinkedHashSet<>();

        Batch(Map<UUID, CreditAccount> accounts, Map<UUID, CreditHold> holds) {
            this.accounts = accounts;
            this.holds = holds;
        }

        void changed(CreditHold hold, CreditAccount account) {
            if (!added.contains(hold)) {
                changedHolds.add(hold);
            }
            changedAccounts.add(account);
        }

        /** The batch's writes, sent with its commit. */
        void write(SqlConnection transaction, OutboxBatch outbox) {
            outbox.writeWithCommit(store.insertHolds(transaction, added));
            outbox.writeWithCommit(store.updateHolds(transaction, changedHolds));
            outbox.writeWithCommit(store.updateAccounts(transaction, changedAccounts));
        }
    }

    /**
     * What a reserve answers given the order's hold. A hold that was already given back answers rejected: there is
     * no credit held for the order any more, and a late reserve must not start holding it again.
     */
    private static void answer(CreditHold hold, ReserveCredit command, CreditAccount account, Envelope cause,
            OutboxBatch outbox) {
        switch (hold.status()) {
            case HELD, CAPTURED -> outbox.reply(Contracts.CREDIT_RESERVED,
                    new CreditReserved(hold.orderId(), hold.customerId(), hold.amount()),
                    hold.orderId().toString(), cause);
            case REJECTED -> replyRejected(rejected(command, hold.reason(), hold.amount(), hold.available()), cause,
                    outbox);
            case RELEASED, REFUNDED -> replyRejected(rejected(command, "credit for order " + command.orderId()
                    + " was already released", Money.of(command.amount()), account.balance()), cause, outbox);
        }
    }

    private static CreditRejected rejected(ReserveCredit command, String reason, BigDecimal requested,
            BigDecimal available) {
        return new CreditRejected(command.orderId(), command.customerId(), reason, requested, available);
    }

    private static void replyRejected(CreditRejected rejected, Envelope cause, OutboxBatch outbox) {
        outbox.reply(Contracts.CREDIT_REJECTED, rejected, rejected.orderId().toString(), cause);
    }

    private static void replyReleased(ReleaseCredit command, BigDecimal amount, Envelope cause, OutboxBatch outbox) {
        outbox.reply(Contracts.CREDIT_RELEASED, new CreditReleased(command.orderId(), command.customerId(), amount),
                command.orderId().toString(), cause);
    }

    private static void requireSameCustomer(CreditHold hold, UUID customerId, Envelope envelope) {
        if (!hold.customerId().equals(customerId)) {
            throw new RejectedMessageException("order " + hold.orderId() + " holds credit of customer "
                    + hold.customerId() + ", but message " + envelope.id() + " names customer " + customerId);
        }
    }
}

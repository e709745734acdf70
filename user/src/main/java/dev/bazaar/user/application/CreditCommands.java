package dev.bazaar.user.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.credit.CaptureCredit;
import dev.bazaar.events.credit.CreditRejected;
import dev.bazaar.events.credit.CreditReleased;
import dev.bazaar.events.credit.CreditReserved;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.infra.inbox.RejectedMessageException;
import dev.bazaar.infra.outbox.Outbox;
import dev.bazaar.user.domain.CreditAccount;
import dev.bazaar.user.domain.CreditHold;
import dev.bazaar.user.domain.HoldStatus;
import dev.bazaar.user.domain.IllegalHoldTransitionException;
import dev.bazaar.user.domain.Money;
import dev.bazaar.user.infrastructure.CreditAccountRepository;
import dev.bazaar.user.infrastructure.CreditHoldRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The user side of the order saga: reserve, release and capture credit for an order. Each runs in the inbox
 * transaction of its message, locks the customer's account row first (so concurrent commands for one customer are
 * decided one at a time, on any replica) and writes its reply through the outbox in that same transaction.
 */
@ApplicationScoped
public class CreditCommands {

    private final CreditAccountRepository accounts;
    private final CreditHoldRepository holds;
    private final Outbox outbox;

    CreditCommands(CreditAccountRepository accounts, CreditHoldRepository holds, Outbox outbox) {
        this.accounts = accounts;
        this.holds = holds;
        this.outbox = outbox;
    }

    /** Holds the amount if the balance covers it; a repeated reserve answers with the recorded outcome. */
    @WithTransaction
    public Uni<Void> reserve(ReserveCredit command, Envelope envelope) {
        BigDecimal amount;
        try {
            amount = Money.positive(command.amount());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new RejectedMessageException("invalid credit amount: " + e.getMessage()));
        }
        return accounts.findForUpdate(command.customerId()).chain(account -> {
            if (account == null) {
                Log.infof("Credit for order %s rejected: unknown customer %s (message %s)", command.orderId(),
                        command.customerId(), envelope.id());
                return replyRejected(rejected(command, "unknown customer " + command.customerId(), amount,
                        Money.ZERO), envelope);
            }
            return holds.findHold(command.orderId()).chain(existing -> existing == null
                    ? reserveNew(account, command, amount, envelope)
                    : repeatOutcome(account, existing, command, envelope));
        });
    }

    /** Gives a hold back, or refunds a captured charge; anything else is a no-op answered with 0.00. */
    @WithTransaction
    public Uni<Void> release(ReleaseCredit command, Envelope envelope) {
        return accounts.findForUpdate(command.customerId()).chain(account -> {
            if (account == null) {
                Log.infof("Release of credit for order %s: unknown customer %s, nothing to return (message %s)",
                        command.orderId(), command.customerId(), envelope.id());
                return replyReleased(command, Money.ZERO, envelope);
            }
            return holds.findHold(command.orderId()).chain(hold -> {
                if (hold == null) {
                    Log.infof("Release of credit for order %s before any reserve; remembered, nothing returned "
                            + "(message %s)", command.orderId(), envelope.id());
                    return holds.add(CreditHold.releasedBeforeReserve(command.orderId(), command.customerId(),
                            Instant.now())).chain(() -> replyReleased(command, Money.ZERO, envelope));
                }
                requireSameCustomer(hold, command.customerId(), envelope);
                HoldStatus before = hold.status();
                BigDecimal returned = account.release(hold, Instant.now());
                Log.infof("Released credit for order %s: %s -> %s, %s returned (message %s)", command.orderId(),
                        before, hold.status(), returned, envelope.id());
                return accounts.save(account).chain(() -> holds.save(hold))
                        .chain(() -> replyReleased(command, returned, envelope));
            });
        });
    }

    /** Turns the order's hold into a charge. Unknown order: logged no-op; capture of a released hold: dead letter. */
    @WithTransaction
    public Uni<Void> capture(CaptureCredit command, Envelope envelope) {
        return accounts.findForUpdate(command.customerId()).chain(account -> {
            if (account == null) {
                Log.warnf("Capture of credit for order %s of unknown customer %s ignored (message %s)",
                        command.orderId(), command.customerId(), envelope.id());
                return Uni.createFrom().voidItem();
            }
            return holds.findHold(command.orderId()).chain(hold -> {
                if (hold == null) {
                    Log.warnf("Capture of credit for unknown order %s ignored (message %s)", command.orderId(),
                            envelope.id());
                    return Uni.createFrom().voidItem();
                }
                requireSameCustomer(hold, command.customerId(), envelope);
                capture(account, hold, envelope);
                return accounts.save(account).chain(() -> holds.save(hold));
            });
        });
    }

    private Uni<Void> reserveNew(CreditAccount account, ReserveCredit command, BigDecimal amount,
            Envelope envelope) {
        CreditHold hold = account.reserve(command.orderId(), amount, Instant.now());
        if (hold.status() == HoldStatus.HELD) {
            Log.infof("Held %s for order %s of customer %s (message %s)", amount, command.orderId(),
                    command.customerId(), envelope.id());
        } else {
            Log.infof("Credit for order %s rejected: %s (message %s)", command.orderId(), hold.reason(),
                    envelope.id());
        }
        return accounts.save(account).chain(() -> holds.add(hold))
                .chain(() -> answer(hold, command, account, envelope));
    }

    private Uni<Void> repeatOutcome(CreditAccount account, CreditHold hold, ReserveCredit command,
            Envelope envelope) {
        Log.infof("Reserve for order %s repeated (message %s); hold is %s, answering without a second effect",
                command.orderId(), envelope.id(), hold.status());
        return answer(hold, command, account, envelope);
    }

    /**
     * What a reserve answers given the order's hold. A hold that was already given back answers rejected: there is
     * no credit held for the order any more, and a late reserve must not start holding it again.
     */
    private Uni<Void> answer(CreditHold hold, ReserveCredit command, CreditAccount account, Envelope cause) {
        return switch (hold.status()) {
            case HELD, CAPTURED -> outbox.reply(Contracts.CREDIT_RESERVED,
                    new CreditReserved(hold.orderId(), hold.customerId(), hold.amount()),
                    hold.orderId().toString(), cause).replaceWithVoid();
            case REJECTED -> replyRejected(rejected(command, hold.reason(), hold.amount(), hold.available()), cause);
            case RELEASED, REFUNDED -> replyRejected(rejected(command, "credit for order " + command.orderId()
                    + " was already released", Money.of(command.amount()), account.balance()), cause);
        };
    }

    private static CreditRejected rejected(ReserveCredit command, String reason, BigDecimal requested,
            BigDecimal available) {
        return new CreditRejected(command.orderId(), command.customerId(), reason, requested, available);
    }

    private Uni<Void> replyRejected(CreditRejected rejected, Envelope cause) {
        return outbox.reply(Contracts.CREDIT_REJECTED, rejected, rejected.orderId().toString(), cause)
                .replaceWithVoid();
    }

    private Uni<Void> replyReleased(ReleaseCredit command, BigDecimal amount, Envelope cause) {
        return outbox.reply(Contracts.CREDIT_RELEASED,
                new CreditReleased(command.orderId(), command.customerId(), amount),
                command.orderId().toString(), cause).replaceWithVoid();
    }

    private static void capture(CreditAccount account, CreditHold hold, Envelope envelope) {
        HoldStatus before = hold.status();
        try {
            account.capture(hold, Instant.now());
        } catch (IllegalHoldTransitionException e) {
            // Capturing money that went back to the customer can never succeed; park it for an operator to see.
            throw new RejectedMessageException(e.getMessage());
        }
        Log.infof("Captured %s for order %s: %s -> %s (message %s)", hold.amount(), hold.orderId(), before,
                hold.status(), envelope.id());
    }

    private static void requireSameCustomer(CreditHold hold, UUID customerId, Envelope envelope) {
        if (!hold.customerId().equals(customerId)) {
            throw new RejectedMessageException("order " + hold.orderId() + " holds credit of customer "
                    + hold.customerId() + ", but message " + envelope.id() + " names customer " + customerId);
        }
    }
}

package dev.bazaar.user.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CreditAccountTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final CreditAccount account = CreditAccount.openFor(UUID.randomUUID());

    @Test
    void newAccountIsEmpty() {
        assertMoney("0.00", "0.00", "0.00", "0.00");
    }

    @Test
    void topUpAddsToBalanceAndToTheToppedUpTotal() {
        TopUp topUp = account.topUp(money("100"), NOW);

        assertThat(topUp.amount()).isEqualTo(money("100.00"));
        assertThat(topUp.customerId()).isEqualTo(account.customerId());
        assertMoney("100.00", "0.00", "0.00", "100.00");
    }

    @Test
    void topUpMustBePositiveAndInWholeCents() {
        assertThatThrownBy(() -> account.topUp(money("0"), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account.topUp(money("-1"), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account.topUp(money("1.001"), NOW))
                .hasMessage("amount 1.001 has more than two decimals");
    }

    @Test
    void reserveWithinTheBalanceHoldsTheAmount() {
        account.topUp(money("100"), NOW);

        CreditHold hold = account.reserve(UUID.randomUUID(), money("30"), NOW);

        assertThat(hold.status()).isEqualTo(HoldStatus.HELD);
        assertThat(hold.amount()).isEqualTo(money("30.00"));
        assertMoney("70.00", "30.00", "0.00", "100.00");
    }

    @Test
    void reserveOfTheWholeBalanceIsAllowed() {
        account.topUp(money("30"), NOW);

        assertThat(account.reserve(UUID.randomUUID(), money("30.00"), NOW).status()).isEqualTo(HoldStatus.HELD);
        assertMoney("0.00", "30.00", "0.00", "30.00");
    }

    @Test
    void reserveBeyondTheBalanceIsRejectedWithTheReasonAndChangesNothing() {
        account.topUp(money("80"), NOW);

        CreditHold hold = account.reserve(UUID.randomUUID(), money("120"), NOW);

        assertThat(hold.status()).isEqualTo(HoldStatus.REJECTED);
        assertThat(hold.reason()).isEqualTo("insufficient credit: need 120.00, available 80.00");
        assertThat(hold.available()).isEqualTo(money("80.00"));
        assertMoney("80.00", "0.00", "0.00", "80.00");
    }

    @Test
    void releaseOfAHoldReturnsItToTheBalance() {
        account.topUp(money("100"), NOW);
        CreditHold hold = account.reserve(UUID.randomUUID(), money("30"), NOW);

        assertThat(account.release(hold, NOW)).isEqualTo(money("30.00"));

        assertThat(hold.status()).isEqualTo(HoldStatus.RELEASED);
        assertMoney("100.00", "0.00", "0.00", "100.00");
    }

    @Test
    void repeatedReleaseIsANoOpReturningZero() {
        account.topUp(money("100"), NOW);
        CreditHold hold = account.reserve(UUID.randomUUID(), money("30"), NOW);
        account.release(hold, NOW);

        assertThat(account.release(hold, NOW)).isEqualTo(Money.ZERO);
        assertMoney("100.00", "0.00", "0.00", "100.00");
    }

    @Test
    void captureMovesTheHoldToCapturedAndRepeatingItIsANoOp() {
        account.topUp(money("100"), NOW);
        CreditHold hold = account.reserve(UUID.randomUUID(), money("30"), NOW);

        account.capture(hold, NOW);
        account.capture(hold, NOW);

        assertThat(hold.status()).isEqualTo(HoldStatus.CAPTURED);
        assertMoney("70.00", "0.00", "30.00", "100.00");
    }

    @Test
    void releaseAfterCaptureRefunds() {
        account.topUp(money("100"), NOW);
        CreditHold hold = account.reserve(UUID.randomUUID(), money("30"), NOW);
        account.capture(hold, NOW);

        assertThat(account.release(hold, NOW)).isEqualTo(money("30.00"));

        assertThat(hold.status()).isEqualTo(HoldStatus.REFUNDED);
        assertMoney("100.00", "0.00", "0.00", "100.00");
        assertThat(account.release(hold, NOW)).isEqualTo(Money.ZERO);
    }

    @Test
    void captureAfterReleaseIsIllegal() {
        account.topUp(money("100"), NOW);
        CreditHold hold = account.reserve(UUID.randomUUID(), money("30"), NOW);
        account.release(hold, NOW);

        assertThatThrownBy(() -> account.capture(hold, NOW))
                .isInstanceOf(IllegalHoldTransitionException.class)
                .hasMessageContaining("cannot go from RELEASED to CAPTURED");
        assertMoney("100.00", "0.00", "0.00", "100.00");
    }

    @Test
    void captureOfARejectedReserveIsIllegalAndItsReleaseIsANoOp() {
        CreditHold rejected = account.reserve(UUID.randomUUID(), money("1"), NOW);

        assertThatThrownBy(() -> account.capture(rejected, NOW)).isInstanceOf(IllegalHoldTransitionException.class);
        assertThat(account.release(rejected, NOW)).isEqualTo(Money.ZERO);
        assertThat(rejected.status()).isEqualTo(HoldStatus.REJECTED);
    }

    @Test
    void holdOfAnotherCustomerIsRefused() {
        CreditAccount other = CreditAccount.openFor(UUID.randomUUID());
        other.topUp(money("10"), NOW);
        CreditHold foreign = other.reserve(UUID.randomUUID(), money("5"), NOW);

        assertThatThrownBy(() -> account.release(foreign, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> account.capture(foreign, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releaseBeforeReserveIsRememberedWithNothingReturned() {
        CreditHold tombstone = CreditHold.releasedBeforeReserve(UUID.randomUUID(), account.customerId(), NOW);

        assertThat(tombstone.status()).isEqualTo(HoldStatus.RELEASED);
        assertThat(account.release(tombstone, NOW)).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> account.capture(tombstone, NOW)).isInstanceOf(IllegalHoldTransitionException.class);
    }

    @Test
    void moneyIsConservedThroughAnySequenceOfOperations() {
        account.topUp(money("500"), NOW);
        for (int i = 0; i < 40; i++) {
            CreditHold hold = account.reserve(UUID.randomUUID(), money(String.valueOf(7 + i % 13) + ".25"), NOW);
            switch (i % 4) {
                case 0 -> account.capture(hold, NOW);
                case 1 -> account.release(hold, NOW);
                case 2 -> {
                    account.capture(hold, NOW);
                    account.release(hold, NOW);
                }
                default -> {
                    // stays held
                }
            }
            assertThat(account.isConserved()).isTrue();
            assertThat(account.balance().signum()).isNotNegative();
        }
    }

    @Test
    void restoringAnUnbalancedAccountFails() {
        assertThatThrownBy(() -> CreditAccount.restore(UUID.randomUUID(), money("10"), money("5"), money("0"),
                money("20"))).hasMessageContaining("is not conserved");
        assertThatThrownBy(() -> CreditAccount.restore(UUID.randomUUID(), money("-5"), money("5"), money("0"),
                money("0"))).hasMessageContaining("must not be negative");
    }

    private void assertMoney(String balance, String held, String captured, String toppedUp) {
        assertThat(account.balance()).isEqualTo(money(balance));
        assertThat(account.held()).isEqualTo(money(held));
        assertThat(account.captured()).isEqualTo(money(captured));
        assertThat(account.toppedUp()).isEqualTo(money(toppedUp));
        assertThat(account.isConserved()).isTrue();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}

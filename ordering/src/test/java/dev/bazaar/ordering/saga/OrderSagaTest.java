package dev.bazaar.ordering.saga;

import static dev.bazaar.ordering.testsupport.SagaInputs.NO_CREDIT;
import static dev.bazaar.ordering.testsupport.SagaInputs.OUT_OF_STOCK;
import static dev.bazaar.ordering.testsupport.SagaInputs.cancel;
import static dev.bazaar.ordering.testsupport.SagaInputs.creditRejected;
import static dev.bazaar.ordering.testsupport.SagaInputs.creditReleased;
import static dev.bazaar.ordering.testsupport.SagaInputs.creditReserved;
import static dev.bazaar.ordering.testsupport.SagaInputs.deadline;
import static dev.bazaar.ordering.testsupport.SagaInputs.stockRejected;
import static dev.bazaar.ordering.testsupport.SagaInputs.stockReleased;
import static dev.bazaar.ordering.testsupport.SagaInputs.stockReserved;
import static dev.bazaar.ordering.testsupport.SagaScript.CANCEL_RETRY;
import static dev.bazaar.ordering.testsupport.SagaScript.CREDIT_DEADLINE;
import static dev.bazaar.ordering.testsupport.SagaScript.CUP;
import static dev.bazaar.ordering.testsupport.SagaScript.CUSTOMER;
import static dev.bazaar.ordering.testsupport.SagaScript.KETTLE;
import static dev.bazaar.ordering.testsupport.SagaScript.STOCK_DEADLINE;
import static dev.bazaar.ordering.testsupport.SagaScript.givenConfirmedOrder;
import static dev.bazaar.ordering.testsupport.SagaScript.givenPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.bazaar.events.Contracts;
import dev.bazaar.events.credit.ReleaseCredit;
import dev.bazaar.events.credit.ReserveCredit;
import dev.bazaar.events.order.OrderCancelled;
import dev.bazaar.events.order.OrderConfirmed;
import dev.bazaar.events.order.OrderRejected;
import dev.bazaar.events.stock.ReleaseStock;
import dev.bazaar.events.stock.ReserveStock;
import dev.bazaar.events.stock.ReservedLine;
import dev.bazaar.events.stock.StockLine;
import dev.bazaar.ordering.domain.IllegalOrderTransitionException;
import dev.bazaar.ordering.domain.OrderLine;
import dev.bazaar.ordering.domain.OrderStatus;
import dev.bazaar.ordering.testsupport.SagaScript;

class OrderSagaTest {

    @Nested
    class HappyPath {

        @Test
        void placedOrderAsksCatalogForAllItsStockWithinTheStockDeadline() {
            SagaScript script = givenPlacedOrder()
                    .expectStatus(OrderStatus.PENDING)
                    .expectSent(Contracts.RESERVE_STOCK)
                    .expectSteps("order placed")
                    .expectDeadlineIn(STOCK_DEADLINE);

            assertThat(script.decision().createsOrder()).isTrue();
            assertThat(script.sent(Contracts.RESERVE_STOCK)).isEqualTo(new ReserveStock(script.order().id(),
                    List.of(new StockLine(CUP, 2), new StockLine(KETTLE, 1))));
        }

        @Test
        void reservedStockTakesCatalogsPricesAndAsksUserForCatalogsTotal() {
            SagaScript script = givenPlacedOrder().after(Duration.ofSeconds(2))
                    .when(stockReserved())
                    .expectStatus(OrderStatus.STOCK_RESERVED)
                    .expectSteps("received stock.reserved", "PENDING -> STOCK_RESERVED")
                    .expectSent(Contracts.RESERVE_CREDIT)
                    .expectDeadlineIn(CREDIT_DEADLINE)
                    .expectTotal("120.00");

            assertThat(script.order().lines()).containsExactly(
                    new OrderLine(CUP, "SKU-CUP", 2, new BigDecimal("12.50")),
                    new OrderLine(KETTLE, "SKU-KETTLE", 1, new BigDecimal("95.00")));
            assertThat(script.sent(Contracts.RESERVE_CREDIT)).isEqualTo(
                    new ReserveCredit(script.order().id(), CUSTOMER, new BigDecimal("120.00")));
        }

        @Test
        void reservedCreditConfirmsTheOrderCommitsStockCapturesCreditAndAnnouncesIt() {
            SagaScript script = givenPlacedOrder().when(stockReserved())
                    .when(creditReserved())
                    .expectStatus(OrderStatus.CONFIRMED)
                    .expectSteps("received credit.reserved", "STOCK_RESERVED -> CONFIRMED")
                    .expectSent(Contracts.COMMIT_STOCK, Contracts.CAPTURE_CREDIT, Contracts.ORDER_CONFIRMED)
                    .expectNoDeadline();

            assertThat(script.sent(Contracts.ORDER_CONFIRMED)).isEqualTo(
                    new OrderConfirmed(script.order().id(), CUSTOMER, new BigDecimal("120.00")));
        }

        @Test
        void receivedStepsCarryTheIdOfTheReplyTheyAreAbout() {
            SagaScript script = givenPlacedOrder().when(stockReserved());

            assertThat(script.decision().steps().get(0).messageId()).isNotNull();
            assertThat(script.decision().steps().get(1).messageId()).isNull();
        }
    }

    @Nested
    class Rejections {

        @Test
        void rejectedStockRejectsTheOrderWithCatalogsReasonAndHasNothingToRelease() {
            SagaScript script = givenPlacedOrder()
                    .when(stockRejected())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectRejectionReason(OUT_OF_STOCK)
                    .expectSteps("received stock.rejected", "PENDING -> REJECTED")
                    .expectSent(Contracts.ORDER_REJECTED)
                    .expectNoDeadline();

            assertThat(script.sent(Contracts.ORDER_REJECTED))
                    .isEqualTo(new OrderRejected(script.order().id(), CUSTOMER, OUT_OF_STOCK));
        }

        @Test
        void rejectedCreditReleasesTheStockAndRejectsTheOrderWithUsersReason() {
            SagaScript script = givenPlacedOrder().when(stockReserved())
                    .when(creditRejected())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectRejectionReason(NO_CREDIT)
                    .expectSteps("received credit.rejected", "STOCK_RESERVED -> REJECTED")
                    .expectSent(Contracts.RELEASE_STOCK, Contracts.ORDER_REJECTED)
                    .expectNoDeadline();

            assertThat(script.sent(Contracts.ORDER_REJECTED).reason()).isEqualTo(NO_CREDIT);
        }
    }

    @Nested
    class Deadlines {

        @Test
        void silentCatalogRejectsTheOrderAndReleasesAReservationWhoseReplyMayHaveBeenLost() {
            SagaScript script = givenPlacedOrder().afterDeadline()
                    .when(deadline())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectRejectionReason("catalog did not answer in time (stock reservation)")
                    .expectSteps("deadline passed", "PENDING -> REJECTED")
                    .expectSent(Contracts.RELEASE_STOCK, Contracts.ORDER_REJECTED)
                    .expectNoDeadline();

            assertThat(script.sent(Contracts.RELEASE_STOCK))
                    .isEqualTo(new ReleaseStock(script.order().id(),
                            "order rejected: catalog did not answer in time (stock reservation)"));
        }

        @Test
        void silentUserRejectsTheOrderAndReleasesBothCreditAndStock() {
            SagaScript script = givenPlacedOrder().when(stockReserved()).afterDeadline()
                    .when(deadline())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectRejectionReason("user service did not answer in time (credit reservation)")
                    .expectSteps("deadline passed", "STOCK_RESERVED -> REJECTED")
                    .expectSent(Contracts.RELEASE_CREDIT, Contracts.RELEASE_STOCK, Contracts.ORDER_REJECTED);

            assertThat(script.sent(Contracts.RELEASE_CREDIT).customerId()).isEqualTo(CUSTOMER);
        }

        @Test
        void deadlineThatHasNotPassedYetDoesNothing() {
            givenPlacedOrder().after(STOCK_DEADLINE.minusMillis(1))
                    .when(deadline())
                    .expectNothing()
                    .expectStatus(OrderStatus.PENDING);
        }

        @Test
        void finishedOrdersHaveNoDeadline() {
            givenConfirmedOrder().after(Duration.ofDays(1)).when(deadline()).expectNothing();
            givenPlacedOrder().when(stockRejected()).after(Duration.ofDays(1)).when(deadline()).expectNothing();
        }
    }

    @Nested
    class LateReplies {

        @Test
        void stockReservedAfterTheStockTimeoutIsReleasedAgain() {
            SagaScript script = givenPlacedOrder().afterDeadline().when(deadline())
                    .when(stockReserved())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectSteps("late stock.reserved")
                    .expectSent(Contracts.RELEASE_STOCK);

            assertThat(script.sent(Contracts.RELEASE_STOCK).reason()).isEqualTo(OrderSaga.LATE_STOCK);
            assertThat(script.decision().changesOrder()).isFalse();
        }

        @Test
        void creditReservedAfterTheCreditTimeoutIsReleased() {
            SagaScript script = givenPlacedOrder().when(stockReserved()).afterDeadline().when(deadline())
                    .when(creditReserved())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectSteps("late credit.reserved")
                    .expectSent(Contracts.RELEASE_CREDIT);

            assertThat(script.sent(Contracts.RELEASE_CREDIT))
                    .isEqualTo(new ReleaseCredit(script.order().id(), CUSTOMER, OrderSaga.LATE_CREDIT));
        }

        @Test
        void creditReservedAfterTheOrderWasRejectedIsReleased() {
            givenPlacedOrder().when(stockReserved()).when(creditRejected())
                    .when(creditReserved())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectRejectionReason(NO_CREDIT)
                    .expectSent(Contracts.RELEASE_CREDIT);
        }

        @Test
        void rejectionsAfterATimeoutChangeNothing() {
            givenPlacedOrder().afterDeadline().when(deadline())
                    .when(stockRejected()).expectIgnored("stock.rejected")
                    .expectRejectionReason("catalog did not answer in time (stock reservation)");
            givenPlacedOrder().when(stockReserved()).afterDeadline().when(deadline())
                    .when(creditRejected()).expectIgnored("credit.rejected");
        }

        @Test
        void releaseConfirmationsOfARejectedOrderChangeNothing() {
            givenPlacedOrder().when(stockReserved()).afterDeadline().when(deadline())
                    .when(stockReleased()).expectIgnored("stock.released")
                    .when(creditReleased()).expectIgnored("credit.released")
                    .expectStatus(OrderStatus.REJECTED);
        }
    }

    @Nested
    class Duplicates {

        @Test
        void sameStockReservedTwiceHasNoSecondEffect() {
            givenPlacedOrder().when(stockReserved())
                    .when(stockReserved()).expectIgnored("stock.reserved")
                    .expectStatus(OrderStatus.STOCK_RESERVED);
        }

        @Test
        void sameCreditReservedTwiceCommitsAndCapturesOnce() {
            givenConfirmedOrder()
                    .when(creditReserved()).expectIgnored("credit.reserved")
                    .when(stockReserved()).expectIgnored("stock.reserved")
                    .expectStatus(OrderStatus.CONFIRMED);
        }

        @Test
        void sameRejectionTwiceHasNoSecondEffect() {
            givenPlacedOrder().when(stockRejected())
                    .when(stockRejected()).expectIgnored("stock.rejected");
            givenPlacedOrder().when(stockReserved()).when(creditRejected())
                    .when(creditRejected()).expectIgnored("credit.rejected");
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancellingAConfirmedOrderAsksBothParticipantsToGiveBackWhatTheyHold() {
            SagaScript script = givenConfirmedOrder().after(Duration.ofMinutes(5))
                    .when(cancel())
                    .expectStatus(OrderStatus.CANCELLING)
                    .expectSteps("cancel requested", "CONFIRMED -> CANCELLING")
                    .expectSent(Contracts.RELEASE_STOCK, Contracts.RELEASE_CREDIT)
                    .expectDeadlineIn(CANCEL_RETRY);

            assertThat(script.sent(Contracts.RELEASE_STOCK).reason()).isEqualTo(OrderSaga.CANCELLED);
        }

        @Test
        void cancellationCompletesWhenStockThenCreditWereReleased() {
            SagaScript script = givenConfirmedOrder().when(cancel())
                    .when(stockReleased())
                    .expectStatus(OrderStatus.CANCELLING)
                    .expectSteps("received stock.released")
                    .expectNothingSent()
                    .when(creditReleased())
                    .expectStatus(OrderStatus.CANCELLED)
                    .expectSteps("received credit.released", "CANCELLING -> CANCELLED")
                    .expectSent(Contracts.ORDER_CANCELLED)
                    .expectNoDeadline();

            assertThat(script.sent(Contracts.ORDER_CANCELLED))
                    .isEqualTo(new OrderCancelled(script.order().id(), CUSTOMER, OrderSaga.CANCELLED));
        }

        @Test
        void cancellationCompletesWhenCreditThenStockWereReleased() {
            givenConfirmedOrder().when(cancel())
                    .when(creditReleased())
                    .expectStatus(OrderStatus.CANCELLING)
                    .expectNothingSent()
                    .when(stockReleased())
                    .expectStatus(OrderStatus.CANCELLED)
                    .expectSteps("received stock.released", "CANCELLING -> CANCELLED")
                    .expectSent(Contracts.ORDER_CANCELLED);
        }

        @Test
        void aReleaseConfirmedTwiceCountsOnce() {
            givenConfirmedOrder().when(cancel()).when(stockReleased())
                    .when(stockReleased()).expectIgnored("stock.released")
                    .expectStatus(OrderStatus.CANCELLING)
                    .when(creditReleased()).expectStatus(OrderStatus.CANCELLED)
                    .when(creditReleased()).expectIgnored("credit.released");
        }

        @Test
        void overdueCancellationAsksAgainOnlyForTheMissingReleaseAndNeverGivesUp() {
            SagaScript script = givenConfirmedOrder().when(cancel()).when(stockReleased()).afterDeadline()
                    .when(deadline())
                    .expectStatus(OrderStatus.CANCELLING)
                    .expectSteps("deadline passed", "cancellation retry")
                    .expectSent(Contracts.RELEASE_CREDIT)
                    .expectDeadlineIn(CANCEL_RETRY)
                    .afterDeadline()
                    .when(deadline())
                    .expectStatus(OrderStatus.CANCELLING)
                    .expectSent(Contracts.RELEASE_CREDIT)
                    .expectDeadlineIn(CANCEL_RETRY);

            script.when(creditReleased()).expectStatus(OrderStatus.CANCELLED).expectNoDeadline();
        }

        @Test
        void overdueCancellationWithoutAnyReplyAsksForBothAgain() {
            givenConfirmedOrder().when(cancel()).afterDeadline()
                    .when(deadline())
                    .expectSent(Contracts.RELEASE_STOCK, Contracts.RELEASE_CREDIT)
                    .expectStatus(OrderStatus.CANCELLING);
        }

        @Test
        void repeatedCancelChangesNothing() {
            givenConfirmedOrder().when(cancel()).when(cancel()).expectNothing().expectStatus(OrderStatus.CANCELLING)
                    .when(stockReleased()).when(creditReleased())
                    .when(cancel()).expectNothing().expectStatus(OrderStatus.CANCELLED);
        }

        @Test
        void onlyAConfirmedOrderCanBeCancelled() {
            givenPlacedOrder()
                    .expectRefused(cancel(), "only a confirmed order can be cancelled; this one is PENDING")
                    .when(stockReserved())
                    .expectRefused(cancel(), "this one is STOCK_RESERVED")
                    .when(creditRejected())
                    .expectRefused(cancel(), "this one is REJECTED");
        }

        @Test
        void lateReservationRepliesOfACancelledOrderChangeNothing() {
            givenConfirmedOrder().when(cancel()).when(stockReleased()).when(creditReleased())
                    .when(stockReserved()).expectIgnored("stock.reserved")
                    .when(creditReserved()).expectIgnored("credit.reserved")
                    .when(creditRejected()).expectIgnored("credit.rejected")
                    .expectStatus(OrderStatus.CANCELLED);
        }
    }

    @Nested
    class IllegalTransitions {

        @Test
        void creditReplyBeforeStockWasReservedIsRefused() {
            givenPlacedOrder()
                    .expectRefused(creditReserved(), "credit was not asked for yet")
                    .expectRefused(creditRejected(), "credit was not asked for yet")
                    .expectStatus(OrderStatus.PENDING);
        }

        @Test
        void releaseNobodyAskedForIsRefused() {
            givenPlacedOrder()
                    .expectRefused(stockReleased(), "no stock release was asked for")
                    .when(stockReserved())
                    .expectRefused(stockReleased(), "no stock release was asked for")
                    .expectRefused(creditReleased(), "no credit release was asked for");
            givenConfirmedOrder()
                    .expectRefused(stockReleased(), "CONFIRMED")
                    .expectRefused(creditReleased(), "CONFIRMED");
        }

        @Test
        void rejectionThatContradictsAnEarlierReservationIsRefused() {
            givenPlacedOrder().when(stockReserved())
                    .expectRefused(stockRejected(), "its stock was reserved already");
            givenConfirmedOrder()
                    .expectRefused(stockRejected(), "CONFIRMED")
                    .expectRefused(creditRejected(), "its credit was reserved already");
        }

        @Test
        void reservationThatDoesNotMatchTheOrderIsRefused() {
            ReservedLine cup = new ReservedLine(CUP, "SKU-CUP", 2, new BigDecimal("12.50"));
            ReservedLine kettle = new ReservedLine(KETTLE, "SKU-KETTLE", 1, new BigDecimal("95.00"));
            givenPlacedOrder()
                    .expectRefused(stockReserved(List.of(cup), "25.00"), "1 line(s) reserved, the order has 2")
                    .expectRefused(stockReserved(List.of(cup, new ReservedLine(KETTLE, "SKU-KETTLE", 3,
                            new BigDecimal("95.00"))), "310.00"), "wanted 1, reserved 3")
                    .expectRefused(stockReserved(List.of(cup, kettle), "99.00"), "not the sum of the lines")
                    .expectRefused(stockReserved(List.of(cup, cup), "50.00"), "appears twice")
                    .expectStatus(OrderStatus.PENDING);
        }

        @Test
        void creditHoldOfAnotherAmountIsRefused() {
            givenPlacedOrder().when(stockReserved())
                    .expectRefused(creditReserved("100.00"), "the order total is 120.00")
                    .expectStatus(OrderStatus.STOCK_RESERVED);
        }

        @Test
        void anOrderIsStartedOnlyOnce() {
            SagaScript script = givenPlacedOrder();
            OrderSaga saga = new OrderSaga(new SagaDeadlines(STOCK_DEADLINE, CREDIT_DEADLINE, CANCEL_RETRY));

            assertThatThrownBy(() -> saga.start(script.order(), "again", null, SagaScript.T0))
                    .isInstanceOf(IllegalOrderTransitionException.class)
                    .hasMessageContaining("was started already");
        }
    }
}

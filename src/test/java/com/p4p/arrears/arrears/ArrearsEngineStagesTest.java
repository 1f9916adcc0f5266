package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.p4p.arrears.policy.PolicyLoader;
import com.p4p.arrears.policy.TestPolicies;

/** Computed stages and the enforcement actions of the default policy (SPEC 6). */
class ArrearsEngineStagesTest {

    private static final LocalDate D = LocalDate.of(2024, 6, 30);

    private final ArrearsEngine engine = new ArrearsEngine(TestPolicies.defaultPolicy());

    private AccountHistory account(String currency) {
        return new AccountHistory(engine, currency);
    }

    private static EnforcementAction act(String action, String from, String to) {
        return new EnforcementAction(action, from, to);
    }

    /** A never-classified account owing {@code owed} since a single charge {@code dpd} days ago. */
    private ArrearsOutcome newAccountOwing(String currency, String owed, int dpd) {
        var spend = new TreeMap<LocalDate, BigDecimal>();
        spend.put(D.minusDays(dpd), new BigDecimal(owed));
        return engine.classify(new ArrearsInput(D, "A1", currency, false, new BigDecimal(owed).negate(), spend, null, null));
    }

    @Test
    void accountOwingNothingIsCurrentWithoutActions() {
        ArrearsOutcome out = account("USD").charge(D.minusDays(40), "900.00").pay("1000.00").night(D);
        assertThat(out.owed()).isEqualByComparingTo("0");
        assertThat(out.oldestUnpaidDate()).isNull();
        assertThat(out.daysPastDue()).isZero();
        assertThat(out.stage()).isEqualTo("CURRENT");
        assertThat(out.enforcedStage()).isEqualTo("CURRENT");
        assertThat(out.actions()).isEmpty();
        assertThat(out.creditStatus()).isEqualTo("11");
        assertThat(out.creditRecord()).isNull();
    }

    @Test
    void owedIsTheNegatedBalanceAndAgesFromTheOldestUnpaidCharge() {
        ArrearsOutcome out = account("USD").charge(D.minusDays(9), "30.00").charge(D.minusDays(4), "50.00")
                .pay("20.00").night(D);
        assertThat(out.owed()).isEqualByComparingTo("60.00");
        assertThat(out.oldestUnpaidDate()).isEqualTo(D.minusDays(9));
        assertThat(out.daysPastDue()).isEqualTo(9);
        assertThat(out.stage()).isEqualTo("DEMOTED");
    }

    @ParameterizedTest(name = "{0} {1} owed {2} days past due -> {3}")
    @CsvSource({
            "USD, 0.01,    0,   GRACE",
            "USD, 9999.00, 2,   GRACE",
            "USD, 0.01,    3,   FROZEN",
            "USD, 9999.00, 6,   FROZEN",
            "USD, 0.01,    7,   DEMOTED",
            "USD, 9999.00, 14,  DEMOTED",
            "USD, 0.01,    15,  FLAGGED",
            "USD, 9999.00, 29,  FLAGGED",
            "USD, 499.99,  30,  FLAGGED",
            "USD, 499.99,  400, FLAGGED",
            "USD, 500.00,  30,  CLOSED",
            "EUR, 499.99,  30,  FLAGGED",
            "EUR, 500.00,  30,  CLOSED",
            "CNY, 3499.99, 45,  FLAGGED",
            "CNY, 3500.00, 45,  CLOSED",
            "JPY, 74999,   30,  FLAGGED",
            "JPY, 75000,   30,  CLOSED"})
    void stageBoundariesOfTheDefaultPolicy(String currency, String owed, int dpd, String stage) {
        ArrearsOutcome out = newAccountOwing(currency, owed, dpd);
        assertThat(out.daysPastDue()).isEqualTo(dpd);
        assertThat(out.stage()).isEqualTo(stage);
        assertThat(out.enforcedStage()).isEqualTo(stage);
        assertThat(out.next().computedStage()).isEqualTo(stage);
        assertThat(out.next().enforcedStage()).isEqualTo(stage);
    }

    @Test
    void currencyMissingFromMinOwedNeverReachesThatStage() {
        var policy = PolicyLoader.parse(TestPolicies.DEFAULT_YAML.replace(
                "currencies:\n", "currencies:\n  GBP: { minor_digits: 2, low_balance: 40.00 }\n"), "test");
        var spend = new TreeMap<LocalDate, BigDecimal>();
        spend.put(D.minusDays(300), new BigDecimal("1000000.00"));
        ArrearsOutcome out = new ArrearsEngine(policy).classify(new ArrearsInput(
                D, "G1", "GBP", false, new BigDecimal("-1000000.00"), spend, null, null));
        assertThat(out.stage()).isEqualTo("FLAGGED");
        assertThat(out.actions()).extracting(EnforcementAction::action).doesNotContain("CLOSE_STORE");
    }

    @Test
    void lateChargeJumpsSeveralStagesEmittingEveryEnterActionLowestFirst() {
        AccountHistory a = account("USD").charge(D.minusDays(25), "80.00").pay("200.00");
        assertThat(a.night(D.minusDays(1)).actions()).isEmpty();

        // Billed today for a click 20 days ago: the account is 20 days past due at once.
        ArrearsOutcome out = a.charge(D.minusDays(20), "150.00").night(D);

        assertThat(out.daysPastDue()).isEqualTo(20);
        assertThat(out.stage()).isEqualTo("FLAGGED");
        assertThat(out.actions()).containsExactly(
                act("NOTIFY_ARREARS", "CURRENT", "FLAGGED"),
                act("FREEZE_ADS", "CURRENT", "FLAGGED"),
                act("DEMOTE_RANKING", "CURRENT", "FLAGGED"),
                act("FLAG_STORE_RATING", "CURRENT", "FLAGGED"));
    }

    @Test
    void jumpFromAnIntermediateStageEmitsOnlyTheStagesAboveIt() {
        AccountHistory a = account("USD").charge(D.minusDays(4), "100.00");
        assertThat(a.night(D).enforcedStage()).isEqualTo("FROZEN");

        ArrearsOutcome out = a.charge(D.minusDays(40), "600.00").night(D.plusDays(1));

        assertThat(out.stage()).isEqualTo("CLOSED");
        assertThat(out.actions()).containsExactly(
                act("DEMOTE_RANKING", "FROZEN", "CLOSED"),
                act("FLAG_STORE_RATING", "FROZEN", "CLOSED"),
                act("CLOSE_STORE", "FROZEN", "CLOSED"));
    }

    @Test
    void dailyProgressionEmitsEachStageOnceOnTheDayItIsReached() {
        AccountHistory a = account("USD").charge(D, "100.00");
        assertThat(a.night(D).actions()).containsExactly(act("NOTIFY_ARREARS", "CURRENT", "GRACE"));
        assertThat(a.night(D.plusDays(1)).actions()).isEmpty();
        assertThat(a.night(D.plusDays(2)).actions()).isEmpty();
        assertThat(a.night(D.plusDays(3)).actions()).containsExactly(act("FREEZE_ADS", "GRACE", "FROZEN"));
        assertThat(a.night(D.plusDays(7)).actions()).containsExactly(act("DEMOTE_RANKING", "FROZEN", "DEMOTED"));
    }

    @Test
    void partialPaymentDeEscalatesWithLeaveActionsHighestFirst() {
        AccountHistory a = account("USD")
                .charge(D.minusDays(16), "100.00").charge(D.minusDays(5), "100.00").charge(D.minusDays(1), "100.00");
        assertThat(a.night(D).stage()).isEqualTo("FLAGGED");

        // 150 paid settles the oldest charge and half of the next: the debt now dates from D-5.
        ArrearsOutcome out = a.pay("150.00").night(D.plusDays(1));

        assertThat(out.oldestUnpaidDate()).isEqualTo(D.minusDays(5));
        assertThat(out.daysPastDue()).isEqualTo(6);
        assertThat(out.stage()).isEqualTo("FROZEN");
        assertThat(out.actions()).containsExactly(
                act("CLEAR_STORE_RATING", "FLAGGED", "FROZEN"),
                act("RESTORE_RANKING", "FLAGGED", "FROZEN"));
    }

    @Test
    void fullPaymentLiftsEveryStageDownToCurrent() {
        AccountHistory a = account("USD").charge(D.minusDays(16), "100.00");
        assertThat(a.night(D).stage()).isEqualTo("FLAGGED");

        ArrearsOutcome out = a.pay("100.00").night(D.plusDays(1));

        assertThat(out.stage()).isEqualTo("CURRENT");
        // GRACE has no leave action, so nothing is emitted for it.
        assertThat(out.actions()).containsExactly(
                act("CLEAR_STORE_RATING", "FLAGGED", "CURRENT"),
                act("RESTORE_RANKING", "FLAGGED", "CURRENT"),
                act("UNFREEZE_ADS", "FLAGGED", "CURRENT"));
    }

    @Test
    void closedIsStickyUntilFullyPaidThenDropsToCurrent() {
        LocalDate d0 = D.minusDays(30);
        AccountHistory a = account("USD").charge(d0, "600.00").charge(D.minusDays(1), "10.00");
        ArrearsOutcome closed = a.night(D);
        assertThat(closed.stage()).isEqualTo("CLOSED");
        assertThat(closed.actions()).extracting(EnforcementAction::action).containsExactly(
                "NOTIFY_ARREARS", "FREEZE_ADS", "DEMOTE_RANKING", "FLAG_STORE_RATING", "CLOSE_STORE");
        assertThat(closed.next().stickyFloor()).isEqualTo("CLOSED");

        // Almost everything paid: the rest is 2 days old and small, but the store stays closed.
        ArrearsOutcome partlyPaid = a.pay("600.00").night(D.plusDays(1));
        assertThat(partlyPaid.owed()).isEqualByComparingTo("10.00");
        assertThat(partlyPaid.daysPastDue()).isEqualTo(2);
        assertThat(partlyPaid.stage()).isEqualTo("CLOSED");
        assertThat(partlyPaid.enforcedStage()).isEqualTo("CLOSED");
        assertThat(partlyPaid.actions()).isEmpty();

        ArrearsOutcome paid = a.pay("10.00").night(D.plusDays(2));
        assertThat(paid.stage()).isEqualTo("CURRENT");
        assertThat(paid.next().stickyFloor()).isNull();
        assertThat(paid.actions()).containsExactly(
                act("REOPEN_STORE", "CLOSED", "CURRENT"),
                act("CLEAR_STORE_RATING", "CLOSED", "CURRENT"),
                act("RESTORE_RANKING", "CLOSED", "CURRENT"),
                act("UNFREEZE_ADS", "CLOSED", "CURRENT"));

        // The floor is gone: new arrears start again from GRACE.
        ArrearsOutcome again = a.charge(D.plusDays(3), "20.00").night(D.plusDays(3));
        assertThat(again.stage()).isEqualTo("GRACE");
        assertThat(again.actions()).containsExactly(act("NOTIFY_ARREARS", "CURRENT", "GRACE"));
    }

    @Test
    void holdTurningOnLiftsEnforcementButKeepsTheComputedStage() {
        AccountHistory a = account("USD").charge(D.minusDays(4), "100.00");
        assertThat(a.night(D).enforcedStage()).isEqualTo("FROZEN");

        ArrearsOutcome held = a.hold(true).night(D.plusDays(1));
        assertThat(held.stage()).isEqualTo("FROZEN");
        assertThat(held.enforcedStage()).isEqualTo("CURRENT");
        assertThat(held.actions()).containsExactly(act("UNFREEZE_ADS", "FROZEN", "CURRENT"));

        // Still on hold: the debt keeps ageing, downstream hears nothing.
        ArrearsOutcome stillHeld = a.night(D.plusDays(4));
        assertThat(stillHeld.stage()).isEqualTo("DEMOTED");
        assertThat(stillHeld.enforcedStage()).isEqualTo("CURRENT");
        assertThat(stillHeld.actions()).isEmpty();

        // Hold lifted: enforcement resumes at the computed stage, every stage crossed.
        ArrearsOutcome released = a.hold(false).night(D.plusDays(5));
        assertThat(released.enforcedStage()).isEqualTo("DEMOTED");
        assertThat(released.actions()).containsExactly(
                act("NOTIFY_ARREARS", "CURRENT", "DEMOTED"),
                act("FREEZE_ADS", "CURRENT", "DEMOTED"),
                act("DEMOTE_RANKING", "CURRENT", "DEMOTED"));
    }

    @Test
    void holdOverridesTheStickyFloorForEnforcementOnly() {
        AccountHistory a = account("EUR").charge(D.minusDays(31), "800.00");
        assertThat(a.night(D).enforcedStage()).isEqualTo("CLOSED");

        ArrearsOutcome held = a.hold(true).night(D.plusDays(1));
        assertThat(held.stage()).isEqualTo("CLOSED");
        assertThat(held.enforcedStage()).isEqualTo("CURRENT");
        assertThat(held.actions()).extracting(EnforcementAction::action)
                .containsExactly("REOPEN_STORE", "CLEAR_STORE_RATING", "RESTORE_RANKING", "UNFREEZE_ADS");
        assertThat(held.next().stickyFloor()).isEqualTo("CLOSED");
    }

    @Test
    void newAccountOnHoldInArrearsIsNeverEnforced() {
        ArrearsOutcome out = account("USD").hold(true).charge(D.minusDays(20), "100.00").night(D);
        assertThat(out.stage()).isEqualTo("FLAGGED");
        assertThat(out.enforcedStage()).isEqualTo("CURRENT");
        assertThat(out.actions()).isEmpty();
    }

    @Test
    void chargebackReopensOldChargesAtTheirAge() {
        AccountHistory a = account("USD").charge(D.minusDays(20), "100.00").pay("100.00");
        assertThat(a.night(D).stage()).isEqualTo("CURRENT");

        ArrearsOutcome out = a.reverse(D.plusDays(1), "100.00").night(D.plusDays(1));
        assertThat(out.oldestUnpaidDate()).isEqualTo(D.minusDays(20));
        assertThat(out.daysPastDue()).isEqualTo(21);
        assertThat(out.stage()).isEqualTo("FLAGGED");
    }

    @Test
    void refundWithoutAnySpendAgesFromTheRefundDate() {
        AccountHistory a = account("USD").pay("100.00").reverse(D.minusDays(4), "130.00");
        ArrearsOutcome out = a.night(D);
        assertThat(out.owed()).isEqualByComparingTo("30.00");
        assertThat(out.oldestUnpaidDate()).isEqualTo(D.minusDays(4));
        assertThat(out.stage()).isEqualTo("FROZEN");
    }

    @Test
    void unknownCurrencyOrStoredStageIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> account("GBP").charge(D, "1.00").night(D))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GBP");
        AccountState fromOtherPolicy = new AccountState("SUSPENDED", "SUSPENDED", null, "11", null, false);
        assertThatThrownBy(() -> engine.classify(new ArrearsInput(D, "A1", "USD", false, BigDecimal.ONE, null, null,
                fromOtherPolicy))).isInstanceOf(IllegalStateException.class).hasMessageContaining("SUSPENDED");
    }
}

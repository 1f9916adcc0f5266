package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.policy.TestPolicies;

/** The intraday rule of SPEC 13 on the default policy: enforcement only ever goes down. */
class IntradayLiftTest {

    private static final LocalDate D = LocalDate.of(2024, 6, 30);

    private final IntradayLift lift = new IntradayLift(TestPolicies.defaultPolicy());

    private static AccountState enforced(String stage, String floor) {
        return new AccountState(stage, stage, floor, "11", null, false);
    }

    /** spend: pairs of (days before D, amount). */
    private IntradayLift.Outcome lift(String balance, boolean hold, AccountState prior, Object... spend) {
        TreeMap<LocalDate, BigDecimal> history = new TreeMap<>();
        for (int i = 0; i < spend.length; i += 2) {
            history.put(D.minusDays((Integer) spend[i]), new BigDecimal((String) spend[i + 1]));
        }
        return lift.lift(new ArrearsInput(D, "A1", "USD", hold, new BigDecimal(balance), history, null, prior));
    }

    private static EnforcementAction act(String action, String from, String to) {
        return new EnforcementAction(action, from, to);
    }

    @Test
    void paidInFullLeavesEveryStageDownFromClosedHighestFirst() {
        IntradayLift.Outcome o = lift("0.00", false, enforced("CLOSED", "CLOSED"), 40, "600.00");
        assertThat(o.owed()).isEqualByComparingTo("0");
        assertThat(o.target()).isEqualTo("CURRENT");
        assertThat(o.enforcedStage()).isEqualTo("CURRENT");
        assertThat(o.lowered()).isTrue();
        assertThat(o.actions()).containsExactly(act("REOPEN_STORE", "CLOSED", "CURRENT"),
                act("CLEAR_STORE_RATING", "CLOSED", "CURRENT"), act("RESTORE_RANKING", "CLOSED", "CURRENT"),
                act("UNFREEZE_ADS", "CLOSED", "CURRENT"));
    }

    @Test
    void aPartialPaymentReanchorsOnNewerSpendAndLowersDemotedToFrozen() {
        // 100 charged 10 days ago, 100 charged 5 days ago; 120 paid leaves 80 owed: all of it from the
        // newer charge, 5 days past due: FROZEN (3 days) but not DEMOTED (7)
        IntradayLift.Outcome o = lift("-80.00", false, enforced("DEMOTED", null), 10, "100.00", 5, "100.00");
        assertThat(o.oldestUnpaidDate()).isEqualTo(D.minusDays(5));
        assertThat(o.daysPastDue()).isEqualTo(5);
        assertThat(o.enforcedStage()).isEqualTo("FROZEN");
        assertThat(o.actions()).containsExactly(act("RESTORE_RANKING", "DEMOTED", "FROZEN"));
    }

    @Test
    void aStickyClosedStoreStaysClosedUnderAPartialPayment() {
        // 100 still owed 40 days late: CLOSED's min_owed fails, but the floor holds until owed = 0
        IntradayLift.Outcome o = lift("-100.00", false, enforced("CLOSED", "CLOSED"), 40, "900.00");
        assertThat(o.target()).isEqualTo("CLOSED");
        assertThat(o.enforcedStage()).isEqualTo("CLOSED");
        assertThat(o.lowered()).isFalse();
        assertThat(o.actions()).isEmpty();
    }

    @Test
    void aRefundThatDeepensTheDebtNeverRaisesEnforcement() {
        // owed 600 for 40 days would be CLOSED, but the last night enforced FROZEN: a lift never tightens
        IntradayLift.Outcome o = lift("-600.00", false, enforced("FROZEN", null), 40, "600.00");
        assertThat(o.target()).isEqualTo("CLOSED");
        assertThat(o.enforcedStage()).isEqualTo("FROZEN");
        assertThat(o.lowered()).isFalse();
        assertThat(o.actions()).isEmpty();
    }

    @Test
    void aHoldLiftsEverythingEvenWhileOwing() {
        IntradayLift.Outcome o = lift("-50.00", true, enforced("FROZEN", null), 5, "50.00");
        assertThat(o.target()).isEqualTo("CURRENT");
        assertThat(o.actions()).containsExactly(act("UNFREEZE_ADS", "FROZEN", "CURRENT"));
    }

    @Test
    void graceHasNoLeaveActionButStillGoesDown() {
        IntradayLift.Outcome o = lift("10.00", false, enforced("GRACE", null), 1, "20.00");
        assertThat(o.lowered()).isTrue();
        assertThat(o.enforcedStage()).isEqualTo("CURRENT");
        assertThat(o.actions()).isEmpty();
    }

    @Test
    void aNeverClassifiedAccountHasNothingToLift() {
        IntradayLift.Outcome o = lift("-600.00", false, null, 40, "600.00");
        assertThat(o.enforcedStage()).isEqualTo("CURRENT");
        assertThat(o.lowered()).isFalse();
    }
}

package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.PolicyLoader;
import com.p4p.arrears.policy.TestPolicies;

/** NOTIFY_RUNWAY of SPEC 10 as the engine emits it: once on entering the band, last among the actions. */
class RunwayAlertTest {

    private static final LocalDate D = LocalDate.of(2024, 6, 30);
    private static final Policy WITH_RUNWAY =
            PolicyLoader.parse(TestPolicies.DEFAULT_YAML + "runway: { window_days: 7, horizon_days: 3 }\n", "runway");

    private final ArrearsEngine engine = new ArrearsEngine(WITH_RUNWAY);

    private ArrearsOutcome classify(String balance, String s, boolean hold, AccountState prior) {
        return engine.classify(new ArrearsInput(D, "A1", "USD", hold, new BigDecimal(balance), null, null, prior,
                s == null ? null : new BigDecimal(s)));
    }

    private static EnforcementAction runway(String stage) {
        return new EnforcementAction("NOTIFY_RUNWAY", stage, stage);
    }

    @Test
    void aNewAccountInTheBandIsAlertedAfterTheLowBalanceAlert() {
        // 40.00 x 7 / 140.00 = 2 days < 3; 40.00 < 50.00 low balance as well
        ArrearsOutcome o = classify("40.00", "140.00", false, null);
        assertThat(o.actions()).containsExactly(new EnforcementAction("NOTIFY_LOW_BALANCE", "CURRENT", "CURRENT"),
                runway("CURRENT"));
        assertThat(o.next().inRunwayBand()).isTrue();
        assertThat(o.runway().daysToZero()).isEqualByComparingTo("2");
        assertThat(o.runway().dailySpend()).isEqualByComparingTo("20.00");
    }

    @Test
    void stayingInTheBandIsNotNewsLeavingAndReEnteringIs() {
        ArrearsOutcome first = classify("100.00", "700.00", false, null); // 1 day
        assertThat(first.actions()).containsExactly(runway("CURRENT"));
        ArrearsOutcome second = classify("90.00", "700.00", false, first.next());
        assertThat(second.actions()).isEmpty();
        assertThat(second.next().inRunwayBand()).isTrue();
        ArrearsOutcome topUp = classify("1000.00", "700.00", false, second.next()); // 10 days
        assertThat(topUp.actions()).isEmpty();
        assertThat(topUp.next().inRunwayBand()).isFalse();
        assertThat(classify("100.00", "700.00", false, topUp.next()).actions()).containsExactly(runway("CURRENT"));
    }

    @Test
    void aHoldDoesNotSuppressIt() {
        ArrearsOutcome o = classify("100.00", "700.00", true, null);
        assertThat(o.actions()).containsExactly(runway("CURRENT"));
    }

    @Test
    void itCarriesTheNewEnforcedStageAfterTheStageActions() {
        // Nothing can be owed with a positive balance, so a stage above CURRENT only comes from a sticky floor:
        // an account CLOSED yesterday that paid in full is CURRENT again today, its leave actions first.
        AccountState closed = new AccountState("CLOSED", "CLOSED", "CLOSED", "11", null, false, false);
        ArrearsOutcome o = classify("100.00", "700.00", false, closed);
        assertThat(o.actions()).last().isEqualTo(runway("CURRENT"));
        assertThat(o.actions()).extracting(EnforcementAction::action)
                .containsExactly("REOPEN_STORE", "CLEAR_STORE_RATING", "RESTORE_RANKING", "UNFREEZE_ADS", "NOTIFY_RUNWAY");
    }

    @Test
    void withoutARunwayBlockNothingIsForecastWhateverTheSpend() {
        ArrearsOutcome o = new ArrearsEngine(TestPolicies.defaultPolicy()).classify(new ArrearsInput(D, "A1", "USD",
                false, new BigDecimal("100.00"), null, null, null, new BigDecimal("700.00")));
        assertThat(o.runway()).isNull();
        assertThat(o.actions()).isEmpty();
        assertThat(o.next().inRunwayBand()).isFalse();
    }
}

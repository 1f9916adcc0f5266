package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.p4p.arrears.policy.PolicyLoader;
import com.p4p.arrears.policy.TestPolicies;

/** NOTIFY_LOW_BALANCE: once on entering 0 < balance < low_balance (SPEC 6). */
class LowBalanceAlertTest {

    private static final LocalDate D = LocalDate.of(2024, 6, 30);
    private static final EnforcementAction ALERT_AT_CURRENT =
            new EnforcementAction("NOTIFY_LOW_BALANCE", "CURRENT", "CURRENT");

    private final ArrearsEngine engine = new ArrearsEngine(TestPolicies.defaultPolicy());

    private ArrearsOutcome newAccountWithBalance(String currency, String balance) {
        return engine.classify(new ArrearsInput(D, "A1", currency, false, new BigDecimal(balance), null, null, null));
    }

    @ParameterizedTest(name = "{0} {1} in band: {2}")
    @CsvSource({
            "USD, 0.01,     true",
            "USD, 49.99,    true",
            "USD, 50.00,    false",
            "USD, 0.00,     false",
            "USD, -10.00,   false",
            "CNY, 349.99,   true",
            "CNY, 350.00,   false",
            "JPY, 7499,     true",
            "JPY, 7500,     false"})
    void bandIsStrictlyBetweenZeroAndLowBalance(String currency, String balance, boolean inBand) {
        ArrearsOutcome out = newAccountWithBalance(currency, balance);
        assertThat(out.next().inLowBand()).isEqualTo(inBand);
        assertThat(out.actions().contains(ALERT_AT_CURRENT)).isEqualTo(inBand);
    }

    @Test
    void alertIsSentOnEnteringTheBandNotWhileStayingInIt() {
        AccountHistory a = new AccountHistory(engine, "USD").pay("30.00");
        assertThat(a.night(D).actions()).containsExactly(ALERT_AT_CURRENT);
        assertThat(a.state().inLowBand()).isTrue();

        a.charge(D.plusDays(1), "10.00");
        assertThat(a.night(D.plusDays(1)).actions()).isEmpty();
        assertThat(a.state().inLowBand()).isTrue();

        a.pay("100.00");
        assertThat(a.night(D.plusDays(2)).actions()).isEmpty();
        assertThat(a.state().inLowBand()).isFalse();

        a.charge(D.plusDays(3), "90.00");
        assertThat(a.balance()).isEqualByComparingTo("30.00");
        assertThat(a.night(D.plusDays(3)).actions()).containsExactly(ALERT_AT_CURRENT);
    }

    @Test
    void passingThroughArrearsLeavesTheBandSoReturningAlertsAgain() {
        AccountHistory a = new AccountHistory(engine, "USD").pay("20.00");
        assertThat(a.night(D).actions()).containsExactly(ALERT_AT_CURRENT);

        a.charge(D.plusDays(1), "25.00");
        assertThat(a.night(D.plusDays(1)).next().inLowBand()).isFalse();

        a.pay("15.00");
        assertThat(a.night(D.plusDays(2)).actions())
                .containsExactly(ALERT_AT_CURRENT);
    }

    @Test
    void alertFollowsTheStageActionsAtTheNewEnforcedStage() {
        AccountHistory a = new AccountHistory(engine, "USD").charge(D.minusDays(4), "100.00");
        assertThat(a.night(D).enforcedStage()).isEqualTo("FROZEN");

        ArrearsOutcome out = a.pay("120.00").night(D.plusDays(1));

        assertThat(out.actions()).containsExactly(
                new EnforcementAction("UNFREEZE_ADS", "FROZEN", "CURRENT"),
                ALERT_AT_CURRENT);
    }

    @Test
    void holdDoesNotSuppressTheAlert() {
        AccountHistory a = new AccountHistory(engine, "USD").hold(true).pay("5.00");
        assertThat(a.night(D).actions()).containsExactly(ALERT_AT_CURRENT);
    }

    @Test
    void currencyWithoutLowBalanceNeverAlerts() {
        var policy = PolicyLoader.parse(TestPolicies.DEFAULT_YAML.replace(
                "currencies:\n", "currencies:\n  GBP: { minor_digits: 2 }\n"), "test");
        ArrearsOutcome out = new ArrearsEngine(policy).classify(
                new ArrearsInput(D, "G1", "GBP", false, new BigDecimal("0.01"), null, null, null));
        assertThat(out.actions()).isEmpty();
        assertThat(out.next().inLowBand()).isFalse();
    }
}

package com.p4p.arrears.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    private static final String DEFAULT_POLICY = TestPolicies.DEFAULT_YAML;

    private static Policy parse(String yaml) {
        return PolicyLoader.parse(yaml, "test");
    }

    @Test
    void defaultPolicyLoadsWithExactAmounts() {
        Policy p = parse(DEFAULT_POLICY);

        assertThat(p.currencyCodes()).containsExactly("CNY", "EUR", "JPY", "USD");
        CurrencyRule usd = p.currency("USD").orElseThrow();
        assertThat(usd.minorDigits()).isEqualTo(2);
        // equals (not compareTo): value and scale exactly as written, never through a double
        assertThat(usd.lowBalance()).isEqualTo(new BigDecimal("50.00"));
        assertThat(usd.creditMinOwed()).isEqualTo(new BigDecimal("10.00"));
        CurrencyRule jpy = p.currency("JPY").orElseThrow();
        assertThat(jpy.minorDigits()).isZero();
        assertThat(jpy.lowBalance()).isEqualTo(new BigDecimal("7500"));
        assertThat(jpy.lowBalance().scale()).isZero();
        assertThat(jpy.creditMinOwed()).isEqualTo(new BigDecimal("1500"));
        assertThat(p.currency("CNY").orElseThrow().lowBalance()).isEqualTo(new BigDecimal("350.00"));
        assertThat(p.currency("usd")).isEmpty();

        assertThat(p.stageNames()).containsExactly("CURRENT", "GRACE", "FROZEN", "DEMOTED", "FLAGGED", "CLOSED");
        assertThat(p.stages()).extracting(StageRule::minDaysPastDue).containsExactly(0, 3, 7, 15, 30);
        StageRule grace = p.stages().get(0);
        assertThat(grace.enter()).containsExactly("NOTIFY_ARREARS");
        assertThat(grace.leave()).isEmpty();
        assertThat(grace.minOwed()).isNull();
        assertThat(grace.sticky()).isFalse();
        StageRule closed = p.stages().get(4);
        assertThat(closed.enter()).containsExactly("CLOSE_STORE");
        assertThat(closed.leave()).containsExactly("REOPEN_STORE");
        assertThat(closed.sticky()).isTrue();
        assertThat(closed.minOwed()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "USD", new BigDecimal("500.00"), "EUR", new BigDecimal("500.00"),
                "CNY", new BigDecimal("3500.00"), "JPY", new BigDecimal("75000")));
        assertThat(p.severity("CURRENT")).isZero();
        assertThat(p.severity("CLOSED")).isEqualTo(5);
        assertThat(p.severity("NOPE")).isEqualTo(-1);
    }

    @Test
    void optionalKeysTakeTheirDocumentedDefaults() {
        Policy p = parse("""
                currencies:
                  GBP: { minor_digits: 2 }
                stages:
                  - { name: LATE, min_days_past_due: 1 }
                """);
        CurrencyRule gbp = p.currency("GBP").orElseThrow();
        assertThat(gbp.lowBalance()).isNull();
        assertThat(gbp.creditMinOwed()).isEqualByComparingTo("0");
        StageRule late = p.stages().get(0);
        assertThat(late.minOwed()).isNull();
        assertThat(late.enter()).isEmpty();
        assertThat(late.leave()).isEmpty();
        assertThat(late.sticky()).isFalse();
    }

    @Test
    void unknownKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("leave: [RESTORE_RANKING]", "leaves: [RESTORE_RANKING]")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("test")
                .hasMessageContaining("stages[2].leaves")
                .hasMessageContaining("not a known key");
        assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("JPY: { minor_digits: 0, low_balance:", "JPY: { minor_digits: 0, lowbalance:")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("currencies.JPY.lowbalance");
        assertThatThrownBy(() -> parse(DEFAULT_POLICY + "thresholds: {}\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(": thresholds ");
    }

    @Test
    void stagesOutOfSeverityOrderAreRefused() {
        assertThatThrownBy(() -> parse("""
                currencies:
                  USD: { minor_digits: 2 }
                stages:
                  - { name: FROZEN, min_days_past_due: 3 }
                  - { name: GRACE,  min_days_past_due: 0 }
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[1].min_days_past_due")
                .hasMessageContaining("least severe first");
    }

    @Test
    void duplicateStageNamesAreRefused() {
        assertThatThrownBy(() -> parse("""
                currencies:
                  USD: { minor_digits: 2 }
                stages:
                  - { name: GRACE, min_days_past_due: 0 }
                  - { name: GRACE, min_days_past_due: 5 }
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[1].name")
                .hasMessageContaining("duplicates stage GRACE");
        // CURRENT is the implicit lowest stage, so a policy cannot define it again.
        assertThatThrownBy(() -> parse("""
                currencies:
                  USD: { minor_digits: 2 }
                stages:
                  - { name: CURRENT, min_days_past_due: 0 }
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[0].name");
    }

    @Test
    void amountWithMoreDecimalsThanTheCurrencyAllowsIsRefused() {
        assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("low_balance: 50.00,  credit_min_owed: 10.00 }\n  EUR",
                "low_balance: 12.345, credit_min_owed: 10.00 }\n  EUR")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("currencies.USD.low_balance")
                .hasMessageContaining("12.345");
        assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("JPY: 75000", "JPY: 75000.5")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[4].min_owed.JPY");
    }

    @Test
    void amountThatIsNotADecimalIsRefused() {
        for (String bad : List.of("abc", "-5.00", "1e3", ".5", "0x10")) {
            assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("credit_min_owed: 70.00", "credit_min_owed: " + bad)))
                    .as(bad)
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining("currencies.CNY.credit_min_owed");
        }
    }

    @Test
    void missingMinDaysPastDueIsRefused() {
        assertThatThrownBy(() -> parse("""
                currencies:
                  USD: { minor_digits: 2 }
                stages:
                  - { name: GRACE, enter: [NOTIFY_ARREARS] }
                """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[0].min_days_past_due")
                .hasMessageContaining("required");
    }

    @Test
    void minOwedNamingAnUnknownCurrencyIsRefused() {
        assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("JPY: 75000 }", "JPY: 75000, GBP: 400.00 }")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[4].min_owed.GBP")
                .hasMessageContaining("not under currencies");
    }

    @Test
    void stickyMustBeTrueOrFalse() {
        assertThatThrownBy(() -> parse(DEFAULT_POLICY.replace("sticky: true", "sticky: yes")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("stages[4].sticky");
    }
    // ---- the runway block (SPEC 10) ----

    @Test
    void withoutARunwayBlockNoForecastIsMade() {
        assertThat(parse(DEFAULT_POLICY).runway()).isEmpty();
    }

    @Test
    void theRunwayBlockIsReadAsWholeNumbers() {
        Policy p = parse(DEFAULT_POLICY + "runway: { window_days: 7, horizon_days: 3 }\n");
        assertThat(p.runway()).contains(new RunwayRule(7, 3));
        assertThat(parse(DEFAULT_POLICY + "runway:\n  window_days: 1\n  horizon_days: 1\n").runway())
                .contains(new RunwayRule(1, 1));
    }

    @Test
    void runwayValuesThatAreNotWholeNumbersOfAtLeastOneAreRefusedNamingTheKey() {
        for (String bad : List.of("0", "-1", "2.5", "1e3", "seven", "[7]")) {
            assertThatThrownBy(() -> parse(DEFAULT_POLICY + "runway: { window_days: " + bad + ", horizon_days: 3 }\n"))
                    .as(bad).isInstanceOf(PolicyException.class).hasMessageContaining("runway.window_days");
            assertThatThrownBy(() -> parse(DEFAULT_POLICY + "runway: { window_days: 7, horizon_days: " + bad + " }\n"))
                    .as(bad).isInstanceOf(PolicyException.class).hasMessageContaining("runway.horizon_days");
        }
    }

    @Test
    void runwayKeysAreRequiredAndUnknownOnesRefused() {
        assertThatThrownBy(() -> parse(DEFAULT_POLICY + "runway: { window_days: 7 }\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("runway.horizon_days")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> parse(DEFAULT_POLICY + "runway: { horizon_days: 3 }\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("runway.window_days");
        assertThatThrownBy(() -> parse(DEFAULT_POLICY + "runway: { window_days: 7, horizon_days: 3, window: 5 }\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("runway.window ")
                .hasMessageContaining("not a known key");
        assertThatThrownBy(() -> parse(DEFAULT_POLICY + "runway: 7\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("runway");
    }
}

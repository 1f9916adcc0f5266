package com.p4p.arrears.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditStatusTest {

    private static final BigDecimal USD_MIN = new BigDecimal("10.00");

    @ParameterizedTest(name = "{0} days past due -> {1}")
    @CsvSource({
            "0, 11", "29, 11",
            "30, 71", "59, 71",
            "60, 78", "89, 78",
            "90, 80", "119, 80",
            "120, 82", "149, 82",
            "150, 83", "179, 83",
            "180, 84", "365, 84", "3650, 84"})
    void eachThirtyDayBucketHasItsCode(int daysPastDue, String code) {
        assertThat(CreditStatus.of(new BigDecimal("250.00"), daysPastDue, USD_MIN)).isEqualTo(code);
    }

    @Test
    void owedBelowCreditMinOwedIsNeverReportedDelinquent() {
        assertThat(CreditStatus.of(new BigDecimal("9.99"), 400, USD_MIN)).isEqualTo("11");
        assertThat(CreditStatus.of(new BigDecimal("10.00"), 30, USD_MIN)).isEqualTo("71");
        assertThat(CreditStatus.of(new BigDecimal("1499"), 200, new BigDecimal("1500"))).isEqualTo("11");
        assertThat(CreditStatus.of(new BigDecimal("1500"), 200, new BigDecimal("1500"))).isEqualTo("84");
    }

    @Test
    void withoutCreditMinOwedAnyDebtThirtyDaysOldIsReportable() {
        assertThat(CreditStatus.of(new BigDecimal("0.01"), 30, BigDecimal.ZERO)).isEqualTo("71");
    }

    @Test
    void codesAreOrderedBySeverityNotAsText() {
        assertThat(CreditStatus.isWorse("71", "11")).isTrue();
        assertThat(CreditStatus.isWorse("84", "83")).isTrue();
        assertThat(CreditStatus.isWorse("78", "80")).isFalse();
        assertThat(CreditStatus.isWorse("80", "80")).isFalse();
        assertThat(CreditStatus.severity("11")).isLessThan(CreditStatus.severity("71"));
        assertThatThrownBy(() -> CreditStatus.severity("13")).isInstanceOf(IllegalArgumentException.class);
    }
}

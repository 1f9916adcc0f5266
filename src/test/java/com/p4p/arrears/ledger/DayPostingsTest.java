package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DayPostingsTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 26);

    @Test
    void sumsEachAccountsDebitsCreditsAndSpendOfTheDay() {
        DayPostings p = new DayPostings(D);
        p.add("B", "SPEND", D, new BigDecimal("10.0000"), "USD");
        p.add("A", "SPEND", D, new BigDecimal("1.2500"), "USD");
        p.add("A", "SPEND", D.minusDays(3), new BigDecimal("4.0000"), "USD");
        p.add("A", "PAYMENT", D, new BigDecimal("20.0000"), "USD");
        p.add("A", "REFUND", D.minusDays(2), new BigDecimal("0.5000"), "USD");
        p.add("A", "CHARGEBACK", D.minusDays(5), new BigDecimal("1.0000"), "USD");

        Map<String, DayPostings.AccountDay> days = new LinkedHashMap<>();
        p.forEachAccount(days::put);
        assertThat(days.keySet()).containsExactly("A", "B"); // in key order
        DayPostings.AccountDay a = days.get("A");
        assertThat(a.debits()).isEqualByComparingTo("5.25");
        assertThat(a.credits()).isEqualByComparingTo("18.50"); // 20 - 0.50 - 1.00: reversals take money back
        assertThat(a.spendOnDate()).isEqualByComparingTo("1.25");
        assertThat(a.firstReversalDate()).isEqualTo(D.minusDays(5));
        assertThat(days.get("B").firstReversalDate()).isNull();
        assertThat(p.entries()).isEqualTo(6);
    }

    @Test
    void groupsLateSpendByAccountAndChargeDate() {
        DayPostings p = new DayPostings(D);
        p.add("A", "SPEND", D.minusDays(3), new BigDecimal("4.0000"), "USD");
        p.add("A", "SPEND", D.minusDays(3), new BigDecimal("0.0100"), "USD");
        p.add("A", "SPEND", D.minusDays(1), new BigDecimal("2.0000"), "USD");
        p.add("0", "SPEND", D.minusDays(9), new BigDecimal("7.0000"), "EUR");
        p.add("A", "SPEND", D, new BigDecimal("1.0000"), "USD"); // today's is not late

        List<String> late = new ArrayList<>();
        p.forEachLateSpend((k, amount) -> late.add(k.accountId() + " " + k.chargeDate() + " " + amount.toPlainString()));
        assertThat(late).containsExactly("0 2026-11-17 7.0000", "A 2026-11-23 4.0100", "A 2026-11-25 2.0000");
    }

    @Test
    void totalsPerCurrencyOfTheEntries() {
        DayPostings p = new DayPostings(D);
        p.add("A", "SPEND", D, new BigDecimal("3.0000"), "USD");
        p.add("B", "SPEND", D, new BigDecimal("5.0000"), "JPY");
        p.add("A", "PAYMENT", D, new BigDecimal("2.0000"), "USD");
        p.add("A", "REFUND", D, new BigDecimal("0.5000"), "USD");

        assertThat(p.currencies().get("USD")[0]).isEqualByComparingTo("3");
        assertThat(p.currencies().get("USD")[1]).isEqualByComparingTo("1.5");
        assertThat(p.currencies().get("JPY")[0]).isEqualByComparingTo("5");
        assertThat(p.currencies().get("JPY")[1]).isEqualByComparingTo("0");
    }

    @Test
    void refusesAnEntryTypeItDoesNotKnow() {
        DayPostings p = new DayPostings(D);
        assertThatThrownBy(() -> p.add("A", "FEE", D, BigDecimal.ONE, "USD")).hasMessageContaining("FEE");
    }
}

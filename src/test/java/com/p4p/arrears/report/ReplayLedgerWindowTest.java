package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * S of SPEC 10 as the replay keeps it (a ring of window_days runs per account): the spend counts in the run
 * that posted it, whatever its charge date, and leaves the window window_days runs later, also when the
 * account posts nothing in between and when dates had no run.
 */
class ReplayLedgerWindowTest {

    static final LocalDate D = LocalDate.of(2026, 3, 1);

    @Test
    void theSpendOfTheLastWindowDaysRunsByTheRunThatPostedIt() {
        ReplayLedger l = new ReplayLedger();
        int a = l.add("A");
        int b = l.add("B");
        l.keepWindows(3);
        l.night(D);
        l.post("A", "SPEND", D, new BigDecimal("20.00"));
        l.post("A", "PAYMENT", D, new BigDecimal("100.00"));
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("20.00");
        assertThat(l.windowSpend(a, 1)).isEqualByComparingTo("20.00");
        assertThat(l.windowSpend(b, 3)).isNull(); // never spent
        l.night(D.plusDays(1));
        // a late charge for 02-20: counts tonight
        l.post("A", "SPEND", LocalDate.of(2026, 2, 20), new BigDecimal("30.00"));
        l.post("B", "SPEND", D.plusDays(1), new BigDecimal("500.00"));
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("50.00");
        assertThat(l.windowSpend(a, 1)).isEqualByComparingTo("30.00");
        l.night(D.plusDays(2));
        l.post("A", "SPEND", D.plusDays(2), new BigDecimal("40.00"));
        // refunds are not spend
        l.post("A", "REFUND", D.plusDays(2), new BigDecimal("5.00"));
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("90.00");
        assertThat(l.windowSpend(a, 2)).isEqualByComparingTo("70.00");
        // 03-04: B posts nothing; its 500.00 of 03-02 is still in 03-02 .. 03-04
        l.night(D.plusDays(3));
        assertThat(l.windowSpend(b, 3)).isEqualByComparingTo("500.00");
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("70.00");
        // 03-05: B's slot of 03-02 is 03-05's: it must read as no spend, not as 500.00
        l.night(D.plusDays(4));
        l.post("B", "SPEND", D.plusDays(4), new BigDecimal("1.00"));
        assertThat(l.windowSpend(b, 3)).isEqualByComparingTo("1.00");
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("40.00"); // 03-03 .. 03-05
        l.night(D.plusDays(5));
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("0");
        assertThat(l.windowSpend(b, 3)).isEqualByComparingTo("1.00");
        // a week without runs: everything has left the window
        l.night(D.plusDays(12));
        l.post("A", "SPEND", D.plusDays(12), new BigDecimal("7.00"));
        assertThat(l.windowSpend(a, 3)).isEqualByComparingTo("7.00");
        assertThat(l.windowSpend(b, 3)).isEqualByComparingTo("0");
    }
}

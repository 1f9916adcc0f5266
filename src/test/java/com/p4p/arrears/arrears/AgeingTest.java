package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class AgeingTest {

    private static final LocalDate D = LocalDate.of(2024, 3, 31);

    private static LocalDate daysAgo(int n) {
        return D.minusDays(n);
    }

    private static BigDecimal amt(String s) {
        return new BigDecimal(s);
    }

    /** Spend per charge date, given as (daysAgo, amount) pairs. */
    private static NavigableMap<LocalDate, BigDecimal> spend(Object... daysAgoAndAmount) {
        NavigableMap<LocalDate, BigDecimal> m = new TreeMap<>();
        for (int i = 0; i < daysAgoAndAmount.length; i += 2) {
            m.merge(daysAgo((Integer) daysAgoAndAmount[i]), amt((String) daysAgoAndAmount[i + 1]), BigDecimal::add);
        }
        return m;
    }

    @Test
    void nothingOwedHasNoAnchorAndZeroDaysPastDue() {
        NavigableMap<LocalDate, BigDecimal> s = spend(10, "100.00");
        assertThat(Ageing.anchor(BigDecimal.ZERO, s, null)).isNull();
        assertThat(Ageing.anchor(amt("0.00"), s, null)).isNull();
        assertThat(Ageing.daysPastDue(null, D)).isZero();
    }

    @Test
    void owedExactlyCoveredByNewestChargesAnchorsOnTheOldestOfThem() {
        NavigableMap<LocalDate, BigDecimal> s = spend(20, "10.00", 10, "20.00", 5, "30.00");
        assertThat(Ageing.anchor(amt("30.00"), s, null)).isEqualTo(daysAgo(5));
        assertThat(Ageing.anchor(amt("50.00"), s, null)).isEqualTo(daysAgo(10));
        assertThat(Ageing.anchor(amt("60.00"), s, null)).isEqualTo(daysAgo(20));
    }

    @Test
    void owedOneCentBeyondTheNewestChargesReachesTheNextOlderDate() {
        NavigableMap<LocalDate, BigDecimal> s = spend(20, "10.00", 10, "20.00", 5, "30.00");
        assertThat(Ageing.anchor(amt("30.01"), s, null)).isEqualTo(daysAgo(10));
        assertThat(Ageing.anchor(amt("0.01"), s, null)).isEqualTo(daysAgo(5));
    }

    @Test
    void owedBeyondAllSpendAnchorsOnTheEarliestChargeDate() {
        NavigableMap<LocalDate, BigDecimal> s = spend(20, "10.00", 5, "30.00");
        LocalDate anchor = Ageing.anchor(amt("75.00"), s, daysAgo(40));
        assertThat(anchor).isEqualTo(daysAgo(20));
        assertThat(Ageing.daysPastDue(anchor, D)).isEqualTo(20);
    }

    @Test
    void chargesOfTheSameDayAgeTogether() {
        // Two charges on one day (4.00 + 6.00): owing any part of them anchors on that day.
        NavigableMap<LocalDate, BigDecimal> s = spend(8, "50.00", 3, "4.00", 3, "6.00");
        assertThat(Ageing.anchor(amt("10.00"), s, null)).isEqualTo(daysAgo(3));
        assertThat(Ageing.anchor(amt("10.01"), s, null)).isEqualTo(daysAgo(8));
    }

    @Test
    void partialPaymentsSettleTheOldestChargesFirst() {
        NavigableMap<LocalDate, BigDecimal> s = spend(30, "100.00", 20, "100.00", 10, "100.00");
        // Nothing paid: everything is unpaid since the first charge.
        assertThat(Ageing.anchor(amt("300.00"), s, null)).isEqualTo(daysAgo(30));
        // 150 paid: the first charge and half of the second are settled.
        assertThat(Ageing.anchor(amt("150.00"), s, null)).isEqualTo(daysAgo(20));
        // 250 paid: only part of the newest charge is still open.
        LocalDate anchor = Ageing.anchor(amt("50.00"), s, null);
        assertThat(anchor).isEqualTo(daysAgo(10));
        assertThat(Ageing.daysPastDue(anchor, D)).isEqualTo(10);
    }

    @Test
    void lateChargeAgesFromItsOwnChargeDate() {
        // 100 paid covered the charge of 40 days ago; today's charge of 100 is unpaid.
        NavigableMap<LocalDate, BigDecimal> s = spend(40, "100.00", 0, "100.00");
        assertThat(Ageing.anchor(amt("100.00"), s, null)).isEqualTo(D);
        // A charge for a click 12 days ago is billed today: the debt now dates from that click,
        // not from the already-paid charge of 40 days ago.
        s.merge(daysAgo(12), amt("40.00"), BigDecimal::add);
        LocalDate anchor = Ageing.anchor(amt("140.00"), s, null);
        assertThat(anchor).isEqualTo(daysAgo(12));
        assertThat(Ageing.daysPastDue(anchor, D)).isEqualTo(12);
    }

    @Test
    void chargebackOfAnOldPaymentReopensOldChargesAtTheirOwnAge() {
        NavigableMap<LocalDate, BigDecimal> s = spend(90, "100.00", 10, "100.00");
        // Both charges were paid (owed 0); then the payment is charged back in part or in full.
        assertThat(Ageing.anchor(amt("100.00"), s, daysAgo(1))).isEqualTo(daysAgo(10));
        assertThat(Ageing.anchor(amt("150.00"), s, daysAgo(1))).isEqualTo(daysAgo(90));
        LocalDate anchor = Ageing.anchor(amt("200.00"), s, daysAgo(1));
        assertThat(Ageing.daysPastDue(anchor, D)).isEqualTo(90);
    }

    @Test
    void withoutSpendTheDebtAgesFromTheEarliestRefundOrChargeback() {
        // Paid 100, refunded 130: owes 30 without ever having clicked.
        LocalDate anchor = Ageing.anchor(amt("30.00"), new TreeMap<>(), daysAgo(6));
        assertThat(anchor).isEqualTo(daysAgo(6));
        assertThat(Ageing.daysPastDue(anchor, D)).isEqualTo(6);
        assertThat(Ageing.anchor(amt("30.00"), null, daysAgo(6))).isEqualTo(daysAgo(6));
    }

    @Test
    void withoutSpendOrReversalsThereIsNoAnchorAndZeroDaysPastDue() {
        LocalDate anchor = Ageing.anchor(amt("30.00"), new TreeMap<>(), null);
        assertThat(anchor).isNull();
        assertThat(Ageing.daysPastDue(anchor, D)).isZero();
    }

    @Test
    void daysPastDueCountsCalendarDaysFromTheAnchor() {
        assertThat(Ageing.daysPastDue(D, D)).isZero();
        assertThat(Ageing.daysPastDue(LocalDate.of(2024, 2, 28), LocalDate.of(2024, 3, 1))).isEqualTo(2); // leap year
        assertThat(Ageing.daysPastDue(LocalDate.of(2023, 12, 31), LocalDate.of(2024, 6, 28))).isEqualTo(180);
        assertThat(Ageing.daysPastDue(D.plusDays(1), D)).isZero();
    }
}

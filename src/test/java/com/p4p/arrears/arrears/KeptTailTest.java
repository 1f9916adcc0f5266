package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** A kept tail brought up to tonight through the spend posted since it was kept (issue 14). */
class KeptTailTest {

    private static final LocalDate KEPT_ON = LocalDate.of(2026, 11, 20);
    private static final LocalDate ANCHOR = LocalDate.of(2026, 11, 10);
    /** Kept with debits 300.00: 100.00 charged before the anchor, 10.00 on it, so 200.00 from it on. */
    private static final KeptTail KEPT = new KeptTail(KEPT_ON, ANCHOR, new BigDecimal("100.00"), new BigDecimal("10.00"));

    @Test
    void spendChargedAfterTheAnchorNeedsNothingButTheDebits() {
        // 30.00 posted on the 21st, charged on the 21st and the 15th (after the anchor)
        List<KeptTail.Posted> posted = List.of(new KeptTail.Posted(KEPT_ON.plusDays(1), ANCHOR.plusDays(5),
                late(ANCHOR.plusDays(5), "12.00")));
        assertThat(KEPT.lateChargeSince(posted)).isFalse();
        SpendTails.Tail tail = KEPT.carriedOn(new BigDecimal("330.00"), posted);
        assertThat(tail.fromAnchor()).isEqualByComparingTo("230.00");
        assertThat(tail.onAnchor()).isEqualByComparingTo("10.00");
    }

    @Test
    void lateChargesOnOrBeforeTheAnchorJoinTheSumsTheyBelongTo() {
        // night 21: 5.00 charged on the 7th (before the anchor), 2.00 on the anchor, 7.00 on the 12th, 20.00 on the 21st;
        // night 22: 1.50 charged on the 1st
        TreeMap<LocalDate, BigDecimal> night21 = late(ANCHOR.minusDays(3), "5.00");
        night21.put(ANCHOR, new BigDecimal("2.00"));
        night21.put(ANCHOR.plusDays(2), new BigDecimal("7.00"));
        List<KeptTail.Posted> posted = List.of(
                new KeptTail.Posted(KEPT_ON.plusDays(1), ANCHOR.minusDays(3), night21),
                new KeptTail.Posted(KEPT_ON.plusDays(2), ANCHOR.minusDays(9), late(ANCHOR.minusDays(9), "1.50")));
        assertThat(KEPT.lateChargeSince(posted)).isTrue();
        // debits 300.00 + 34.00 + 1.50
        SpendTails.Tail tail = KEPT.carriedOn(new BigDecimal("335.50"), posted);
        assertThat(tail.anchor()).isEqualTo(ANCHOR);
        // from the anchor on: 200.00 + 2.00 + 7.00 + 20.00
        assertThat(tail.fromAnchor()).isEqualByComparingTo("229.00");
        assertThat(tail.onAnchor()).isEqualByComparingTo("12.00");
    }

    @Test
    void aLateChargeOnOrBeforeTheAnchorWhoseAmountsWereNotRecordedDropsTheTail() {
        List<KeptTail.Posted> posted = List.of(new KeptTail.Posted(KEPT_ON.plusDays(1), ANCHOR, null));
        assertThat(KEPT.carriedOn(new BigDecimal("305.00"), posted)).isNull();
        // a close before V12 recorded no first charge date either
        assertThat(KEPT.carriedOn(new BigDecimal("305.00"),
                List.of(new KeptTail.Posted(KEPT_ON.plusDays(1), LocalDate.MIN, null)))).isNull();
        // but a run whose spend was all charged after the anchor needs no amounts
        assertThat(KEPT.carriedOn(new BigDecimal("305.00"),
                List.of(new KeptTail.Posted(KEPT_ON.plusDays(1), ANCHOR.plusDays(1), null)))).isNotNull();
    }

    @Test
    void runsUpToTheNightItWasKeptAreAlreadyInIt() {
        // the tail kept on the 20th counts what the 20th's run posted: counting it again would be wrong
        List<KeptTail.Posted> posted = List.of(new KeptTail.Posted(KEPT_ON, ANCHOR.minusDays(1), late(ANCHOR.minusDays(1), "9.00")));
        assertThat(KEPT.lateChargeSince(posted)).isFalse();
        assertThat(KEPT.carriedOn(new BigDecimal("300.00"), posted).fromAnchor()).isEqualByComparingTo("200.00");
    }

    private static TreeMap<LocalDate, BigDecimal> late(LocalDate date, String amount) {
        TreeMap<LocalDate, BigDecimal> late = new TreeMap<>();
        late.put(date, new BigDecimal(amount));
        return late;
    }
}

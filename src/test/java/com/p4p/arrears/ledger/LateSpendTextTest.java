package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** account_day_delta.late_spend: each account's late spend per charge date, written and read back. */
class LateSpendTextTest {

    @Test
    void eachAccountsLateSpendReadsBackExactly() {
        Map<String, String> texts = LateSpendText.byAccount(List.of(
                new DayPostings.LateSpend("A1", LocalDate.of(2026, 11, 1), new BigDecimal("12.5000")),
                new DayPostings.LateSpend("A1", LocalDate.of(2026, 11, 3), new BigDecimal("4.0000")),
                new DayPostings.LateSpend("B7", LocalDate.of(2026, 10, 30), new BigDecimal("0.0001"))));
        assertThat(texts).containsOnly(Map.entry("A1", "2026-11-01 12.5;2026-11-03 4"), Map.entry("B7", "2026-10-30 0.0001"));
        assertThat(LateSpendText.parse(texts.get("A1"))).containsExactly(
                Map.entry(LocalDate.of(2026, 11, 1), new BigDecimal("12.5")), Map.entry(LocalDate.of(2026, 11, 3), new BigDecimal("4")));
        assertThat(LateSpendText.parse("")).isEmpty();
    }

    @Test
    void aListTooLongForTheColumnIsNotRecorded() {
        List<DayPostings.LateSpend> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new DayPostings.LateSpend("A1", LocalDate.of(2026, 1, 1).plusDays(i), new BigDecimal("1234.5678")));
        }
        many.add(new DayPostings.LateSpend("A2", LocalDate.of(2026, 1, 1), new BigDecimal("1")));
        Map<String, String> texts = LateSpendText.byAccount(many);
        assertThat(texts).doesNotContainKey("A1").containsKey("A2");
        assertThat(texts.values()).allMatch(t -> t.length() <= LateSpendText.MAX_LENGTH);
    }
}

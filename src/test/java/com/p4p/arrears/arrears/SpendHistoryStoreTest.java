package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ledger.ChargeWeek;
import com.p4p.arrears.support.PipelineTest;

/**
 * The ageing's reads of account_spend_day, keyed by week since V14: any date range of any account reads
 * exactly that account's rows of those dates, whether it starts or ends inside a week, spans many, or
 * lies outside the history; the history's first date it reports is no later than the real one; and an
 * account's whole history (a lift, explain) is exactly its rows.
 */
@PipelineTest
class SpendHistoryStoreTest {

    static final LocalDate FIRST = LocalDate.of(2026, 9, 3); // a Thursday: the first week is partial

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRangeReadsExactlyItsAccountsRowsOfItsDates() {
        Random random = new Random(14);
        List<String> accounts = List.of("A1", "A2", "A3", "B1", "B2");
        TreeSet<String> all = new TreeSet<>();
        for (String a : accounts) {
            for (LocalDate d = FIRST; d.isBefore(FIRST.plusDays(60)); d = d.plusDays(1)) {
                if (random.nextInt(4) > 0) { // gaps: not every account spends every day
                    BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(5000), 2);
                    jdbc.update("INSERT INTO account_spend_day (charge_week, account_id, charge_date, amount)"
                            + " VALUES (?, ?, ?, ?)", ChargeWeek.of(d), a, d, amount);
                    all.add(a + " " + d + " " + amount.setScale(4));
                }
            }
        }
        SpendHistoryStore store = new SpendHistoryStore(jdbc);
        assertThat(store.earliestChargeDate()).isBeforeOrEqualTo(FIRST).isAfter(FIRST.minusDays(7));

        for (int round = 0; round < 40; round++) {
            List<SpendTails.Range> ranges = new ArrayList<>();
            TreeSet<String> expected = new TreeSet<>();
            for (String a : accounts) {
                if (random.nextBoolean()) {
                    continue;
                }
                LocalDate from = FIRST.plusDays(random.nextInt(80) - 10); // some start before the history
                LocalDate before = random.nextInt(5) == 0 ? null : from.plusDays(random.nextInt(30));
                ranges.add(new SpendTails.Range(a, from, before));
                for (String row : all) {
                    LocalDate d = LocalDate.parse(row.split(" ")[1]);
                    if (row.startsWith(a + " ") && !d.isBefore(from) && (before == null || d.isBefore(before))) {
                        expected.add(row);
                    }
                }
            }
            List<String> read = new ArrayList<>();
            store.read(ranges, (account, date, amount) -> read.add(account + " " + date + " " + amount.setScale(4)));
            assertThat(read).as("ranges %s", ranges).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(read)).as("ranges %s", ranges).isEqualTo(expected);
        }

        // what a lift and explain read: an account's whole history, by key
        TreeSet<String> whole = new TreeSet<>();
        store.wholeHistory(List.of("A2", "B1", "NONE")).forEach((account, days) -> days.forEach(
                (date, amount) -> whole.add(account + " " + date + " " + amount.setScale(4))));
        TreeSet<String> expected = new TreeSet<>();
        all.stream().filter(row -> row.startsWith("A2 ") || row.startsWith("B1 ")).forEach(expected::add);
        assertThat(whole).isEqualTo(expected).isNotEmpty();
    }
}

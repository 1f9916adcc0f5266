package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;

/** The per-account sums the close takes from the posting steps instead of summing the day's entries. */
class DayPostingsTest {

    static final LocalDate D = LocalDate.of(2026, 11, 27);

    private static DayPostings sumsFor(String... accounts) {
        AccountDirectory directory = new AccountDirectory();
        for (String a : accounts) {
            directory.add(a, a.startsWith("B") ? "EUR" : "USD");
        }
        return new DayPostings(D, directory);
    }

    private static List<DayPostings.AccountDay> byAccount(DayPostings sums) {
        List<DayPostings.AccountDay> out = new ArrayList<>();
        sums.forEachAccount(out::add);
        return out;
    }

    private static LedgerItem entry(String account, EntryType type, LocalDate date, String amount) {
        Source source = type == EntryType.SPEND ? Source.SPEND : Source.PAYMENTS;
        return new LedgerItem(source, "X" + System.nanoTime(), account, type, date, new BigDecimal(amount), "USD",
                null, null, null, null, D, 2);
    }

    @Test
    void sumsDebitsCreditsSpendOnTheDateAndLateSpendPerChargeDate() {
        DayPostings sums = sumsFor("A1", "B2", "C3");
        sums.add(List.of(
                entry("A1", EntryType.SPEND, D, "1.25"),
                entry("A1", EntryType.SPEND, D, "0.005"),
                entry("A1", EntryType.SPEND, D.minusDays(3), "2.00"),
                entry("A1", EntryType.SPEND, D.minusDays(3), "0.10"),
                entry("A1", EntryType.SPEND, D.minusDays(40), "7"),
                entry("A1", EntryType.PAYMENT, D, "10.00"),
                entry("A1", EntryType.REFUND, D.minusDays(2), "1.50"),
                entry("A1", EntryType.CHARGEBACK, D.minusDays(5), "0.75"),
                entry("B2", EntryType.PAYMENT, D, "3.3333")), 100);

        assertThat(sums.entries()).isEqualTo(9);
        assertThat(sums.covers(100, 9)).isTrue();
        assertThat(byAccount(sums)).as("C3 had no postings").containsExactly(
                new DayPostings.AccountDay("A1", "USD", new BigDecimal("10.3550"), new BigDecimal("7.7500"),
                        new BigDecimal("1.2550"), D.minusDays(5), D.minusDays(40)),
                new DayPostings.AccountDay("B2", "EUR", new BigDecimal("0.0000"), new BigDecimal("3.3333"),
                        new BigDecimal("0.0000"), null, null));
        assertThat(sums.lateSpend()).containsExactly(
                new DayPostings.LateSpend("A1", D.minusDays(40), new BigDecimal("7.0000")),
                new DayPostings.LateSpend("A1", D.minusDays(3), new BigDecimal("2.1000")));
    }

    @Test
    void accountsComeInTheLedgersByteOrderWhateverOrderTheDirectoryWasBuiltIn() {
        DayPostings sums = sumsFor("b", "B", "A_1", "A.1", "A-1");
        sums.add(List.of(entry("b", EntryType.PAYMENT, D, "1"), entry("B", EntryType.PAYMENT, D, "1"),
                entry("A-1", EntryType.PAYMENT, D, "1"), entry("A.1", EntryType.PAYMENT, D, "1"),
                entry("A_1", EntryType.PAYMENT, D, "1")), 0);
        // ascii_bin: '-' (0x2d) < '.' (0x2e) < uppercase < '_' (0x5f) < lowercase
        assertThat(byAccount(sums)).extracting(DayPostings.AccountDay::accountId)
                .containsExactly("A-1", "A.1", "A_1", "B", "b");
        sums.add(List.of(entry("b", EntryType.SPEND, D.minusDays(1), "1"), entry("A.1", EntryType.SPEND, D.minusDays(2), "1"),
                entry("A.1", EntryType.SPEND, D.minusDays(9), "1"), entry("B", EntryType.SPEND, D.minusDays(1), "1")), 5);
        assertThat(sums.lateSpend()).extracting(l -> l.accountId() + "@" + l.chargeDate())
                .as("late spend in the ageing history's key order: account, then date")
                .containsExactly("A.1@2026-11-18", "A.1@2026-11-25", "B@2026-11-26", "b@2026-11-26");
    }

    @Test
    void anAmountFinerThanTheLedgerMakesTheSumsUnusableNotWrong() {
        DayPostings sums = sumsFor("A1");
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "1.00")), 0);
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "0.00001")), 1);

        assertThat(sums.usable()).isFalse();
        assertThat(byAccount(sums)).isEmpty();
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "1.00")), 2);
        assertThat(sums.usable()).isFalse();
        assertThat(sums.covers(0, 3)).isFalse();
    }

    @Test
    void aSumBeyondALongMakesTheSumsUnusable() {
        DayPostings sums = sumsFor("A1");
        String huge = "900000000000000"; // 9e14, in ten-thousandths 9e18: two of them overflow a long
        sums.add(List.of(entry("A1", EntryType.PAYMENT, D, huge)), 0);
        assertThat(sums.usable()).isTrue();
        sums.add(List.of(entry("A1", EntryType.PAYMENT, D, huge)), 1);
        assertThat(sums.usable()).isFalse();
    }

    @Test
    void holdTheDaysEntriesOnlyWhenTheyAreAsManyAsTheLedgerHasSinceThePreviousClose() {
        DayPostings sums = sumsFor("A1", "A2");
        assertThat(sums.covers(40, 0)).as("nothing posted, nothing in the ledger since the close").isTrue();
        assertThat(sums.covers(40, 1)).as("an entry posted elsewhere").isFalse();

        sums.add(List.of(entry("A1", EntryType.SPEND, D, "1"), entry("A2", EntryType.SPEND, D, "1")), 40);
        // a chunk rolled back adds nothing; ids burnt by rows skipped in a load do not count
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "1")), 44);
        assertThat(sums.covers(40, 3)).isTrue();
        assertThat(sums.covers(40, 4)).as("an entry these sums do not hold (elsewhere, or before a restart)").isFalse();
        assertThat(sums.covers(41, 3)).as("the sums started before the previous close").isFalse();
    }

    @Test
    void chunksOfPartitionsCommittingInAnyOrderAreHeldWhenTheCountsAgree() {
        DayPostings sums = sumsFor("A1", "A2");
        // two partitions' chunks both saw 40 as the highest id; the later one commits first
        sums.add(List.of(entry("A2", EntryType.SPEND, D, "2")), 40);
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "1"), entry("A1", EntryType.SPEND, D, "1")), 40);
        sums.add(List.of(entry("A2", EntryType.PAYMENT, D, "5")), 43);

        assertThat(sums.covers(40, 4)).isTrue();
        assertThat(byAccount(sums)).containsExactly(
                new DayPostings.AccountDay("A1", "USD", new BigDecimal("2.0000"), new BigDecimal("0.0000"),
                        new BigDecimal("2.0000"), null, D),
                new DayPostings.AccountDay("A2", "USD", new BigDecimal("2.0000"), new BigDecimal("5.0000"),
                        new BigDecimal("2.0000"), null, D));
    }

    @Test
    void anAccountTheDirectoryDoesNotKnowMakesTheSumsUnusable() {
        DayPostings sums = sumsFor("A1");
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "1"), entry("GHOST", EntryType.SPEND, D, "1")), 0);
        assertThat(sums.usable()).isFalse();
        assertThat(new DayPostings(D, null).usable()).as("no directory (too many accounts)").isFalse();
    }

    @Test
    void entriesOfTheDaysLiftsPostedBeforeTheNightJoinTheSumsWhenTheyFillTheGapToThePreviousClose() {
        // the previous close ended at entry 100; two lifts posted 101-103; the night posted 104-105
        DayPostings sums = sumsFor("A1", "B2");
        sums.add(List.of(entry("A1", EntryType.SPEND, D, "5.00"), entry("B2", EntryType.PAYMENT, D, "1.00")), 103);
        assertThat(sums.covers(100, 5)).as("the lifted entries are missing").isFalse();
        assertThat(sums.addEarlier(List.of(entry("A1", EntryType.PAYMENT, D, "2.00")), 100, 102))
                .as("not the range the sums start after").isFalse();

        assertThat(sums.addEarlier(List.of(entry("A1", EntryType.PAYMENT, D, "2.00"),
                entry("A1", EntryType.REFUND, D, "0.50"), entry("B2", EntryType.PAYMENT, D, "4.00")), 100, 103)).isTrue();
        assertThat(sums.covers(100, 5)).isTrue();
        assertThat(sums.entries()).isEqualTo(5);
        assertThat(byAccount(sums)).containsExactly(
                new DayPostings.AccountDay("A1", "USD", new BigDecimal("5.0000"), new BigDecimal("1.5000"),
                        new BigDecimal("5.0000"), D, D),
                new DayPostings.AccountDay("B2", "EUR", new BigDecimal("0.0000"), new BigDecimal("5.0000"),
                        new BigDecimal("0.0000"), null, null));
    }
}

package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The bounded reading of the spend history gives exactly the anchor of the full-history rule
 * ({@link Ageing#anchor} over every charge date), night after night, for accounts that take late
 * charges (dated before the anchor), pay in part, get old payments charged back (re-opening old
 * charges) and refunds past all their spend; and what it reads does not grow with the nights behind it.
 */
class SpendTailsTest {

    static final LocalDate D0 = LocalDate.of(2026, 1, 1);

    /** account_spend_day in memory, counting the rows a read returns. */
    static final class History implements SpendTails.Source {
        final Map<String, TreeMap<LocalDate, BigDecimal>> spend = new HashMap<>();
        long rowsRead;

        void add(String account, LocalDate date, BigDecimal amount) {
            spend.computeIfAbsent(account, k -> new TreeMap<>()).merge(date, amount, BigDecimal::add);
        }

        @Override
        public void read(List<SpendTails.Range> ranges, SpendTails.Row sink) {
            for (SpendTails.Range r : ranges) {
                TreeMap<LocalDate, BigDecimal> s = spend.getOrDefault(r.accountId(), new TreeMap<>());
                NavigableMap<LocalDate, BigDecimal> part = r.before() == null ? s.tailMap(r.from(), true)
                        : s.subMap(r.from(), true, r.before(), false);
                part.forEach((d, a) -> {
                    rowsRead++;
                    sink.accept(r.accountId(), d, a);
                });
            }
        }

        @Override
        public Map<String, BigDecimal> totalSpend(Collection<String> accountIds) {
            Map<String, BigDecimal> total = new HashMap<>();
            for (String a : accountIds) {
                TreeMap<LocalDate, BigDecimal> s = spend.get(a);
                if (s != null) {
                    total.put(a, s.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
                }
            }
            return total;
        }

        @Override
        public LocalDate earliestChargeDate() {
            return spend.values().stream().filter(s -> !s.isEmpty()).map(TreeMap::firstKey).min(LocalDate::compareTo)
                    .orElse(null);
        }
    }

    /** One account's ledger: balance = credits - debits, payments it made (for chargebacks). */
    static final class Account {
        final String id;
        long credits;
        long debits;
        final List<Long> payments = new ArrayList<>();
        LocalDate earliestReversal;
        LocalDate anchor; // what the previous night stored
        KeptTail kept; // and the tail it kept
        LocalDate firstSpendTonight; // the earliest charge date of tonight's spend
        TreeMap<LocalDate, BigDecimal> lateTonight; // tonight's spend charged before tonight, per date
        final int kind;

        Account(String id, int kind) {
            this.id = id;
            this.kind = kind;
        }

        BigDecimal owed() {
            return BigDecimal.valueOf(Math.max(0, debits - credits), 2);
        }
    }

    /**
     * How often the randomized nights met the cases that matter: {read further back, owed beyond all
     * spend, late charge before the anchor, kept anchor stayed, kept anchor moved forward, kept tail
     * carried through a late charge on or before its anchor, kept tail dropped (late spend not recorded)}.
     */
    private static final long[] cases = new long[7];

    /** Accounts of every kind at random; or all paying regularly; or none ever paying. */
    static final int MIXED = -1;
    static final int REGULAR_PAYERS = 0;
    static final int NEVER_PAYS = 4;

    /**
     * Nights of random activity; each night the bounded anchor is compared with the full-history one.
     *
     * @param keep whether owing accounts carry their tail ({@link KeptTail}) from night to night
     */
    private static long[] simulate(long seed, int accounts, int nights, int kinds, boolean keep) {
        SplittableRandom rnd = new SplittableRandom(seed);
        History h = new History();
        List<Account> all = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            all.add(new Account("A" + i, kinds == MIXED ? rnd.nextInt(4) : kinds));
        }
        long[] rowsPerNight = new long[nights];
        for (int n = 0; n < nights; n++) {
            LocalDate d = D0.plusDays(n);
            for (Account a : all) {
                a.firstSpendTonight = null;
                a.lateTonight = new TreeMap<>();
                if (rnd.nextInt(10) < 8) { // spend most days, some of it billed late, some of it very late
                    int r = rnd.nextInt(100);
                    int late = r < 80 ? 0 : r < 95 ? 1 + rnd.nextInt(7) : 1 + rnd.nextInt(Math.min(200, n + 1));
                    LocalDate date = d.minusDays(Math.min(late, n));
                    if (a.anchor != null && date.isBefore(a.anchor)) {
                        cases[2]++;
                    }
                    long amount = 100 + rnd.nextInt(2_000);
                    a.debits += amount;
                    a.firstSpendTonight = a.firstSpendTonight == null || date.isBefore(a.firstSpendTonight)
                            ? date : a.firstSpendTonight;
                    h.add(a.id, date, BigDecimal.valueOf(amount, 2));
                    if (date.isBefore(d)) {
                        a.lateTonight.merge(date, BigDecimal.valueOf(amount, 2), BigDecimal::add);
                    }
                }
                int p = rnd.nextInt(100);
                long owedMinor = a.debits - a.credits;
                if (a.kind == 0 && p < 30) { // pays its debt (in full or most of it) every few days
                    long pay = Math.max(100, owedMinor - (rnd.nextBoolean() ? 0 : rnd.nextInt(3_000)));
                    a.credits += pay;
                    a.payments.add(pay);
                } else if (a.kind == 1 && p < 8) { // pays part of it now and then
                    long pay = 500 + rnd.nextInt(15_000);
                    a.credits += pay;
                    a.payments.add(pay);
                } else if (a.kind == 2 && p < 10) { // prepays, then refunds past all its spend
                    long pay = 5_000 + rnd.nextInt(30_000);
                    a.credits += pay;
                    a.payments.add(pay);
                } else if (a.kind == 3 && n < 5 && p < 50) { // big payments early (charged back later)
                    long pay = 20_000 + rnd.nextInt(50_000);
                    a.credits += pay;
                    a.payments.add(pay);
                }
                if (rnd.nextInt(100) < 2 && !a.payments.isEmpty()) { // a chargeback of an old payment
                    long back = a.payments.remove(rnd.nextInt(a.payments.size()));
                    a.credits -= back;
                    a.earliestReversal = a.earliestReversal == null ? d : a.earliestReversal;
                }
                if (a.kind == 2 && rnd.nextInt(100) < 3) { // a refund larger than everything ever spent
                    a.credits -= a.debits + 1 + rnd.nextInt(5_000);
                    a.earliestReversal = a.earliestReversal == null ? d : a.earliestReversal;
                }
            }
            List<SpendTails.Owing> owing = new ArrayList<>();
            for (Account a : all) {
                if (a.owed().signum() > 0) {
                    // a close that summed the entries in the database records no late spend (1 night in 10)
                    List<KeptTail.Posted> posted = a.firstSpendTonight == null ? List.of()
                            : List.of(new KeptTail.Posted(d, a.firstSpendTonight, rnd.nextInt(10) == 0 ? null : a.lateTonight));
                    SpendTails.Tail tail = a.kept == null ? null : a.kept.carriedOn(debits(a), posted);
                    if (a.kept != null && keep && a.kept.lateChargeSince(posted)) {
                        cases[tail == null ? 6 : 5]++;
                    }
                    owing.add(new SpendTails.Owing(a.id, a.owed(), a.anchor, keep ? tail : null));
                }
            }
            long before = h.rowsRead;
            SpendTails.Counts counts = new SpendTails.Counts();
            Map<String, NavigableMap<LocalDate, BigDecimal>> read = SpendTails.read(d, owing, h, counts);
            rowsPerNight[n] = h.rowsRead - before;
            cases[0] += counts.furtherAccounts();
            cases[3] += counts.keptAccounts();
            cases[4] += counts.forwardAccounts();
            assertThat(counts.rows()).isEqualTo(rowsPerNight[n]);
            assertThat(read.keySet()).as("only owing accounts read spend")
                    .allMatch(id -> owing.stream().anyMatch(o -> o.accountId().equals(id)));
            for (Account a : all) {
                LocalDate full = Ageing.anchor(a.owed(), h.spend.get(a.id), a.earliestReversal);
                LocalDate bounded = Ageing.anchor(a.owed(), read.get(a.id), a.earliestReversal);
                assertThat(bounded).as("anchor of %s on night %d (owed %s)", a.id, n, a.owed()).isEqualTo(full);
                a.anchor = bounded;
                a.kept = KeptTail.of(d, a.owed(), bounded, read.get(a.id), debits(a));
                TreeMap<LocalDate, BigDecimal> s = h.spend.get(a.id);
                if (s != null && a.owed().compareTo(s.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)) > 0) {
                    cases[1]++;
                }
            }
        }
        return rowsPerNight;
    }

    @Test
    void theBoundedAnchorIsTheFullHistoryAnchorEveryNightForEveryKindOfAccount() {
        java.util.Arrays.fill(cases, 0);
        for (long seed = 1; seed <= 12; seed++) {
            simulate(seed, 40, 150, MIXED, false);
            simulate(seed, 40, 150, MIXED, true);
        }
        System.out.printf("SpendTailsTest: %d readings further back, %d anchors with owed beyond all spend,"
                + " %d late charges dated before the anchor, %d kept anchors stayed, %d moved forward,"
                + " %d kept tails carried through a late charge on or before the anchor, %d dropped%n",
                cases[0], cases[1], cases[2], cases[3], cases[4], cases[5], cases[6]);
        assertThat(java.util.Arrays.stream(cases).min().getAsLong())
                .as("further back, owed beyond all spend, late before the anchor, kept stayed, kept moved forward,"
                        + " carried through a late charge, dropped")
                .isGreaterThan(20);
    }

    @Test
    void everyCaseTheRuleDistinguishesIsReached() {
        // the randomized comparison is worth something only if the hard cases occur: owed beyond all
        // spend, late charges before the anchor, reading further back, and accounts owing nothing
        History h = new History();
        h.add("A", D0, new BigDecimal("10.00"));
        h.add("A", D0.plusDays(30), new BigDecimal("5.00"));
        LocalDate d = D0.plusDays(31);
        SpendTails.Counts counts = new SpendTails.Counts();
        // owed 12.00 with last night's anchor at day 30: 5.00 read first, then further back to day 0
        Map<String, NavigableMap<LocalDate, BigDecimal>> read = SpendTails.read(d,
                List.of(new SpendTails.Owing("A", new BigDecimal("12.00"), D0.plusDays(30))), h, counts);
        assertThat(Ageing.anchor(new BigDecimal("12.00"), read.get("A"), null)).isEqualTo(D0);
        assertThat(counts.furtherAccounts()).isEqualTo(1);
        // owed beyond all spend: the earliest charge date, the whole (short) history read
        read = SpendTails.read(d, List.of(new SpendTails.Owing("A", new BigDecimal("99.00"), null)), h, counts);
        assertThat(Ageing.anchor(new BigDecimal("99.00"), read.get("A"), null)).isEqualTo(D0);
        // no spend at all: nothing to read, the earliest reversal date decides
        read = SpendTails.read(d, List.of(new SpendTails.Owing("B", new BigDecimal("1.00"), null)), h, counts);
        assertThat(read).doesNotContainKey("B");
    }

    @Test
    void aNewDebtReadsAboutTheDaysItsAnchorNeedsNotTwiceThat() {
        // 16.00 a day for 300 days, then 1,000.00 owed by an account that owed nothing last night: its
        // anchor is 63 days back (62.5 days of spend); windows doubling from 16 days would read 8+16+32+64
        History h = new History();
        for (int i = 0; i < 300; i++) {
            h.add("A", D0.plusDays(i), new BigDecimal("16.00"));
        }
        LocalDate d = D0.plusDays(299);
        SpendTails.Counts counts = new SpendTails.Counts();
        Map<String, NavigableMap<LocalDate, BigDecimal>> read = SpendTails.read(d,
                List.of(new SpendTails.Owing("A", new BigDecimal("1000.00"), null)), h, counts);
        assertThat(Ageing.anchor(new BigDecimal("1000.00"), read.get("A"), null)).isEqualTo(d.minusDays(62));
        // the last 8 days, then one window sized at 16.00 a day with its margin
        assertThat(counts.rows()).isBetween(63L, 63L * 13 / 10);
        assertThat(counts.furtherAccounts()).isEqualTo(1);
    }

    @Test
    void aWindowIsSizedByTheSpendPerDayAndNeverShorterThanTheRoundsShortest() {
        // 872.00 more at 128.00 over 8 days (16.00 a day): 54.5 days, 66 with the margin
        assertThat(SpendTails.window(new BigDecimal("872.00"), new BigDecimal("128.00"), 8, 8)).isEqualTo(66);
        assertThat(SpendTails.window(new BigDecimal("1.00"), new BigDecimal("128.00"), 8, 16)).isEqualTo(16);
        // nothing read to size it by: the round's shortest
        assertThat(SpendTails.window(new BigDecimal("5.00"), BigDecimal.ZERO, 8, 32)).isEqualTo(32);
        // a vast amount at a tiny rate: bounded (the history's start bounds the read anyway)
        assertThat(SpendTails.window(new BigDecimal("1E+30"), new BigDecimal("0.0001"), 365, 8)).isEqualTo(40_000);
    }

    @Test
    void rowsReadPerNightDoNotGrowWithTheNightsBehindThem() {
        // accounts that pay their debt every few days: their anchors stay recent, and so does the reading
        long[] rows = simulate(99, 200, 400, REGULAR_PAYERS, true);
        double early = average(rows, 50, 100);
        double late = average(rows, 350, 400);
        System.out.printf("SpendTailsTest: spend rows read per night, nights 50-99 %.0f, nights 350-399 %.0f"
                + " (the whole history at night 399: %d rows)%n", early, late, 200L * 400 * 8 / 10);
        assertThat(late).isLessThan(early * 1.3);
        // reading every account's whole history (the rule before) would have grown about 4x
        assertThat(late).isLessThan(200 * 350 * 0.8 / 4);
    }

    @Test
    void anAccountThatStaysInDebtReadsNoneOfItsUnpaidStretchAgain() {
        // accounts that never pay: their anchor is their first charge, and their unpaid stretch grows each
        // night; with kept tails only tonight's late charges dated before the anchor make them read
        long[] kept = simulate(7, 100, 200, NEVER_PAYS, true);
        long[] unkept = simulate(7, 100, 200, NEVER_PAYS, false);
        double keptLate = average(kept, 150, 200);
        double unkeptLate = average(unkept, 150, 200);
        System.out.printf("SpendTailsTest: accounts never paying, spend rows read per night at nights 150-199:"
                + " %.0f with kept tails, %.0f reading from the anchor%n", keptLate, unkeptLate);
        assertThat(unkeptLate).as("reading from the anchor grows with the unpaid stretch").isGreaterThan(100 * 100);
        assertThat(keptLate).as("kept tails: no more than the nights' late charges").isLessThan(100 * 5);
        assertThat(average(kept, 150, 200)).isLessThan(average(kept, 20, 70) * 1.5 + 50);
    }

    private static BigDecimal debits(Account a) {
        return BigDecimal.valueOf(a.debits, 2);
    }

    private static double average(long[] values, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return (double) sum / (to - from);
    }
}

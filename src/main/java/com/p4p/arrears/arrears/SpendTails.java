package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.p4p.arrears.ledger.ChargeWeek;

/**
 * Decides how little of an account's spend history the ageing must read (SPEC 5) so that a night costs
 * the same after a year as after a week. {@link Ageing#anchor} walks the spend from the newest charge
 * date back until it covers owed; nothing older than that date changes its answer. So:
 * <ul>
 *   <li>an account that owes nothing reads nothing (it has no anchor);</li>
 *   <li>an owing account reads its spend from a lower bound L on: the anchor the previous night stored
 *       (it moves back only when owed grows by more than tonight's spend), or the last few days for an
 *       account that owed nothing last night;</li>
 *   <li>an account whose read spend does not reach owed (a late charge before L, a refund or chargeback
 *       re-opening old charges, owed beyond all spend) reads further back, window before window (each
 *       sized by the account's spend per day in what it read, and at least twice the last's shortest),
 *       until it does, or what it read adds up to all its spend (the account's debits:
 *       its whole history is read), or the history's earliest date is passed.</li>
 * </ul>
 * Every read starts on a Monday and goes forward to a Sunday (or tonight): the history is stored by
 * week (V14), a page per account and week, so the rest of a week a read touches costs no more, and it
 * spares a later round that page again ({@link #weekOf}).
 * <p>
 * The anchor over what was read is then exactly the anchor over the whole history: the walk meets the
 * same dates in the same order and stops before it runs out of what was read (or the whole history was
 * read). The bound L is only a hint: a wrong one costs rows, never a wrong anchor. Only the rare account
 * that owes more than all it ever spent reads its whole history (its anchor is its first charge date).
 * <p>
 * An account that kept its tail last night ({@link KeptTail}, brought up to tonight through the late
 * charges posted since) knows tonight's spend from its anchor on without reading it ({@link Tail}), so:
 * <ul>
 *   <li>when that spend covers owed and the spend after the anchor does not, the anchor stays: nothing is
 *       read (an account that stays in debt, paying nothing or little);</li>
 *   <li>when the spend after the anchor covers owed, the anchor moves forward: only the days it passes
 *       are read, window after window from the anchor on (payments paid them off);</li>
 *   <li>when owed exceeds it, the anchor moves back: only days before it are read, as above.</li>
 * </ul>
 * The spend it hands on is then exact at and before the anchor and summed after it (one entry the day
 * after the anchor): all {@link Ageing#anchor} needs, since the newer spend does not cover owed.
 * <p>
 * Plain Java; the reading itself is behind {@link Source} (SQL in {@link SpendHistoryStore}).
 */
public final class SpendTails {

    /** Days an account that owed nothing last night reads first: new debt is mostly recent spend. */
    public static final int NEW_DEBT_DAYS = 7;
    /**
     * The shortest first window read further back (or forward); each next round's shortest is twice the
     * last, so a walk takes few rounds whatever the spend. Above it, a window is sized by the account's own
     * spend per day in what it read ({@link #window}), so a walk reads about what its anchor needs rather
     * than up to twice that.
     */
    static final int FIRST_FURTHER_DAYS = 8;
    /** A window sized by spend per day reads this much more than the estimate, so that it mostly suffices. */
    private static final BigDecimal MARGIN = new BigDecimal("1.2");
    /** No window is sized longer than this (a date range, not an amount: the history's start bounds it anyway). */
    private static final long LONGEST_WINDOW = 40_000;

    /**
     * An account that owes tonight, where its reading starts if known (the previous anchor, or null), and
     * its kept tail brought up to tonight (null: none, read from the previous anchor).
     */
    public record Owing(String accountId, BigDecimal owed, LocalDate previousAnchor, Tail tail) {

        public Owing(String accountId, BigDecimal owed, LocalDate previousAnchor) {
            this(accountId, owed, previousAnchor, null);
        }
    }

    /** Tonight's spend charged on or after {@code anchor} and on it, known without reading ({@link KeptTail}). */
    public record Tail(LocalDate anchor, BigDecimal fromAnchor, BigDecimal onAnchor) {

        /** Whether the sums can be right: the anchor is a charge date, and the spend from it on includes it. */
        boolean consistent() {
            return onAnchor.signum() > 0 && fromAnchor.compareTo(onAnchor) >= 0;
        }
    }

    /** Spend of one account with {@code from <= charge_date} and, when {@code before} is set, {@code < before}. */
    public record Range(String accountId, LocalDate from, LocalDate before) {
    }

    /** Where the spend history lives. */
    public interface Source {
        /** Calls {@code sink} for every (account, charge date, amount) row inside one of the ranges. */
        void read(List<Range> ranges, Row sink);

        /** Each account's spend of all time (the ledger's debits); an account with none may be absent. */
        Map<String, BigDecimal> totalSpend(Collection<String> accountIds);

        /** The earliest charge date of the whole history or any date before it (a bound: nothing is older), null when it is empty. */
        LocalDate earliestChargeDate();
    }

    @FunctionalInterface
    public interface Row {
        void accept(String accountId, LocalDate chargeDate, BigDecimal amount);
    }

    /** What a night's reading cost: rows, queries and the accounts that had to read further back. */
    public static final class Counts {
        long owingAccounts;
        long rows;
        long reads;
        long furtherAccounts;
        long keptAccounts;
        long forwardAccounts;
        long rowsFromAnchor;
        long rowsForward;
        long rowsFurther;
        long tailsCarried;
        long tailsThroughLate;
        long tailsDropped;
        long seeks; // added by the store: it knows how its key divides a range

        public long owingAccounts() {
            return owingAccounts;
        }

        public long rows() {
            return rows;
        }

        public long reads() {
            return reads;
        }

        /** Points the reads sought in the history's key: one per account and week read (V14), where a page is read if not cached. */
        public long seeks() {
            return seeks;
        }

        public long furtherAccounts() {
            return furtherAccounts;
        }

        /** Owing accounts whose anchor stayed where it was kept: nothing read. */
        public long keptAccounts() {
            return keptAccounts;
        }

        /** Owing accounts whose kept anchor moved forward: only the days it passed read. */
        public long forwardAccounts() {
            return forwardAccounts;
        }

        /** Rows read from the previous anchor on (accounts with no tail carried on), or the last days (new debt). */
        public long rowsFromAnchor() {
            return rowsFromAnchor;
        }

        /** Rows read moving kept anchors forward. */
        public long rowsForward() {
            return rowsForward;
        }

        /** Rows read further back than where an account started. */
        public long rowsFurther() {
            return rowsFurther;
        }

        /** Owing accounts whose kept tail was carried on to tonight. */
        public long tailsCarried() {
            return tailsCarried;
        }

        /** Of those, the tails carried through a late charge dated on or before their anchor. */
        public long tailsThroughLateCharges() {
            return tailsThroughLate;
        }

        /** Owing accounts whose kept tail could not be carried on (a late charge its close did not record per date). */
        public long tailsDropped() {
            return tailsDropped;
        }

        /** Counts an owing account that had kept a tail: carried on or not, and whether a late charge met it. */
        public void keptTail(boolean carried, boolean lateCharge) {
            if (!carried) {
                tailsDropped++;
            } else {
                tailsCarried++;
                tailsThroughLate += lateCharge ? 1 : 0;
            }
        }
    }

    private SpendTails() {
    }

    /**
     * The spend per charge date each owing account's anchor needs (accounts not listed need none).
     *
     * @param counts added to, for the step's log
     */
    public static Map<String, NavigableMap<LocalDate, BigDecimal>> read(LocalDate businessDate, List<Owing> owing,
                                                                        Source source, Counts counts) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> spend = new HashMap<>();
        if (owing.isEmpty()) {
            return spend;
        }
        counts.owingAccounts += owing.size();
        Map<String, BigDecimal> read = new HashMap<>();
        Map<String, LocalDate> from = new LinkedHashMap<>();
        List<Owing> plain = new ArrayList<>();
        List<Owing> forward = new ArrayList<>();
        for (Owing o : owing) {
            Tail t = o.tail();
            if (t == null || !t.consistent()) {
                plain.add(o);
            } else if (t.fromAnchor().compareTo(o.owed()) < 0) {
                // owed beyond the spend from the anchor on: only older days can cover the rest
                spend.put(o.accountId(), new TreeMap<>(Map.of(t.anchor(), t.fromAnchor())));
                read.put(o.accountId(), t.fromAnchor());
                from.put(o.accountId(), t.anchor());
            } else if (t.fromAnchor().subtract(t.onAnchor()).compareTo(o.owed()) < 0) {
                counts.keptAccounts++;
                spend.put(o.accountId(), handedOn(t.anchor(), t.onAnchor(), t.fromAnchor()));
            } else {
                forward.add(o);
            }
        }
        plain.addAll(walkForward(businessDate, forward, source, spend, counts));
        List<Range> ranges = new ArrayList<>(plain.size());
        for (Owing o : plain) {
            LocalDate start = weekOf(o.previousAnchor() != null && !o.previousAnchor().isAfter(businessDate)
                    ? o.previousAnchor() : businessDate.minusDays(NEW_DEBT_DAYS));
            from.put(o.accountId(), start);
            ranges.add(new Range(o.accountId(), start, null));
        }
        if (!ranges.isEmpty()) {
            counts.rowsFromAnchor += readInto(source, ranges, spend, read, counts);
        }

        Map<String, BigDecimal> owedBy = new HashMap<>();
        List<String> short_ = new ArrayList<>();
        for (Owing o : owing) {
            owedBy.put(o.accountId(), o.owed());
            if (from.containsKey(o.accountId())
                    && read.getOrDefault(o.accountId(), BigDecimal.ZERO).compareTo(o.owed()) < 0) {
                short_.add(o.accountId());
            }
        }
        if (short_.isEmpty()) {
            return spend;
        }
        counts.furtherAccounts += short_.size();
        Map<String, BigDecimal> total = source.totalSpend(short_);
        LocalDate earliest = source.earliestChargeDate();
        counts.reads++;
        // Accounts with spend not read yet; the others have their whole history already.
        List<String> pending = new ArrayList<>();
        for (String a : short_) {
            if (unread(a, read, total, from, earliest)) {
                pending.add(a);
            }
        }
        for (int shortest = FIRST_FURTHER_DAYS; !pending.isEmpty(); shortest *= 2) {
            ranges.clear();
            for (String a : pending) {
                LocalDate before = from.get(a);
                // the rest of owed at the spend per day of what was read (from `before` to tonight)
                BigDecimal spent = read.getOrDefault(a, BigDecimal.ZERO);
                long days = window(owedBy.get(a).subtract(spent), spent,
                        ChronoUnit.DAYS.between(before, businessDate) + 1, shortest);
                LocalDate start = weekOf(before.minusDays(days));
                if (start.isBefore(earliest)) {
                    start = earliest;
                }
                ranges.add(new Range(a, start, before));
                from.put(a, start);
            }
            counts.rowsFurther += readInto(source, ranges, spend, read, counts);
            List<String> next = new ArrayList<>();
            for (String a : pending) {
                boolean covered = read.getOrDefault(a, BigDecimal.ZERO).compareTo(owedBy.get(a)) >= 0;
                if (!covered && unread(a, read, total, from, earliest)) {
                    next.add(a);
                }
            }
            pending = next;
        }
        return spend;
    }

    /**
     * Moves kept anchors forward: reads the days after each anchor, window after window, and passes each
     * day whose spend the newer spend can spare (still covering owed). Returns the accounts it could not
     * place before the business date (their sums did not add up): they are read as if nothing was kept.
     */
    private static List<Owing> walkForward(LocalDate businessDate, List<Owing> forward, Source source,
                                           Map<String, NavigableMap<LocalDate, BigDecimal>> spend, Counts counts) {
        List<Owing> unplaced = new ArrayList<>();
        counts.forwardAccounts += forward.size();
        Map<String, LocalDate> passed = new HashMap<>();
        Map<String, BigDecimal> after = new HashMap<>(); // spend charged after the last day passed
        for (Owing o : forward) {
            passed.put(o.accountId(), o.tail().anchor());
            after.put(o.accountId(), o.tail().fromAnchor().subtract(o.tail().onAnchor()));
        }
        List<Owing> pending = forward;
        LocalDate end = businessDate.plusDays(1);
        for (int shortest = FIRST_FURTHER_DAYS; !pending.isEmpty(); shortest *= 2) {
            List<Range> ranges = new ArrayList<>(pending.size());
            for (Owing o : pending) {
                LocalDate start = passed.get(o.accountId()).plusDays(1);
                // the spend the anchor can pass (all after it but owed) at the spend per day after it
                BigDecimal rest = after.get(o.accountId());
                long days = window(rest.subtract(o.owed()), rest, ChronoUnit.DAYS.between(start, end), shortest);
                LocalDate before = weekOf(start.plusDays(days - 1)).plusWeeks(1); // to the end of its week
                ranges.add(new Range(o.accountId(), start, before.isAfter(end) ? end : before));
            }
            Map<String, NavigableMap<LocalDate, BigDecimal>> spendByDay = new HashMap<>();
            counts.rowsForward += readInto(source, ranges, spendByDay, new HashMap<>(), counts);
            List<Owing> next = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Owing o = pending.get(i);
                BigDecimal rest = after.get(o.accountId()); // the spend from the next day with spend on
                boolean placed = false;
                for (Map.Entry<LocalDate, BigDecimal> day : spendByDay.getOrDefault(o.accountId(), new TreeMap<>()).entrySet()) {
                    BigDecimal newer = rest.subtract(day.getValue());
                    if (newer.compareTo(o.owed()) < 0) {
                        spend.put(o.accountId(), handedOn(day.getKey(), day.getValue(), rest));
                        placed = true;
                        break;
                    }
                    rest = newer;
                }
                if (placed) {
                    continue;
                }
                after.put(o.accountId(), rest);
                LocalDate before = ranges.get(i).before();
                passed.put(o.accountId(), before.minusDays(1));
                if (before.isBefore(end)) {
                    next.add(o);
                } else {
                    unplaced.add(o);
                }
            }
            pending = next;
        }
        return unplaced;
    }

    /**
     * The spend an anchor needs handed on: exact on the anchor, the newer spend as one sum the day after
     * (it does not cover owed, so {@link Ageing#anchor} walks past it to the anchor).
     */
    private static NavigableMap<LocalDate, BigDecimal> handedOn(LocalDate anchor, BigDecimal onAnchor, BigDecimal fromAnchor) {
        NavigableMap<LocalDate, BigDecimal> tail = new TreeMap<>();
        tail.put(anchor, onAnchor);
        BigDecimal newer = fromAnchor.subtract(onAnchor);
        if (newer.signum() != 0) {
            tail.put(anchor.plusDays(1), newer);
        }
        return tail;
    }

    /**
     * Days to read for {@code amount} more spend, at the rate of {@code spend} over {@code days}, with a
     * margin; at least {@code shortest} (also when nothing was spent to size it by).
     */
    static long window(BigDecimal amount, BigDecimal spend, long days, int shortest) {
        if (spend.signum() <= 0 || amount.signum() <= 0 || days <= 0) {
            return shortest;
        }
        BigDecimal estimate = amount.multiply(BigDecimal.valueOf(days)).multiply(MARGIN)
                .divide(spend, 0, RoundingMode.CEILING);
        return estimate.compareTo(BigDecimal.valueOf(LONGEST_WINDOW)) > 0 ? LONGEST_WINDOW
                : Math.max(shortest, estimate.longValue());
    }

    /**
     * The Monday of the date's week. Reads start and end on whole weeks: the history is stored by week
     * (V14), so the other days of a week a read touches come with the same page, and reading them now
     * saves a later round reading that page again.
     */
    private static LocalDate weekOf(LocalDate date) {
        return ChargeWeek.of(date);
    }

    /** Whether the account has spend before what was read: its reads fall short of its total, and history goes back further. */
    private static boolean unread(String account, Map<String, BigDecimal> read, Map<String, BigDecimal> total,
                                  Map<String, LocalDate> from, LocalDate earliest) {
        return earliest != null && earliest.isBefore(from.get(account))
                && read.getOrDefault(account, BigDecimal.ZERO).compareTo(total.getOrDefault(account, BigDecimal.ZERO)) < 0;
    }

    /** Reads the ranges into {@code spend} and {@code read}; returns the rows read. */
    private static long readInto(Source source, List<Range> ranges, Map<String, NavigableMap<LocalDate, BigDecimal>> spend,
                                 Map<String, BigDecimal> read, Counts counts) {
        counts.reads++;
        long before = counts.rows;
        source.read(ranges, (account, date, amount) -> {
            counts.rows++;
            spend.computeIfAbsent(account, k -> new TreeMap<>()).merge(date, amount, BigDecimal::add);
            read.merge(account, amount, BigDecimal::add);
        });
        return counts.rows - before;
    }
}

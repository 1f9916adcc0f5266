package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ledger.ChargeWeek;
import com.p4p.arrears.ledger.Ids;
import com.p4p.arrears.ledger.LateSpendText;

/**
 * The ageing's reads of account_spend_day (spend per charge date and account, primary key
 * (charge_week, account_id, charge_date): see V14): only what {@link SpendTails} asks for, so rows read
 * per night follow the owing accounts and their debt's age, not the number of nights behind them.
 * <p>
 * An account's range of dates is read as one point per week, {@code (charge_week = 'w' AND account_id
 * IN (...) [AND charge_date BETWEEN ...]) OR ...} (the accounts whose range holds that part of w), so the
 * database seeks each (week, account) in the primary key, reads that account's days of the week side by
 * side (mostly one page), and nothing of other accounts. A condition on a date range alone ({@code
 * charge_date >= d AND account_id IN (...)}) would read every account's spend of those dates. A statement
 * carries at most {@value #POINTS_PER_STATEMENT} points: MariaDB's range optimizer gives up (and scans
 * the table) past 16000 range parts. Ids are validated before they get here, so they are written as
 * literals ({@link Ids}); dates come from LocalDate.
 */
public class SpendHistoryStore implements SpendTails.Source {

    static final int POINTS_PER_STATEMENT = 4000;
    static final int IDS_PER_STATEMENT = 1000;
    /** Beyond this many business dates since a tail was kept, it is not carried on (the read would be long). */
    static final int MAX_DAYS_SINCE_KEPT = 31;

    private final JdbcTemplate jdbc;
    private final SpendTails.Counts counts = new SpendTails.Counts();
    /** The history's first and last weeks (they do not move during classification); null until read. */
    private LocalDate[] span;

    public SpendHistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The spend per charge date each owing account's anchor needs (see {@link SpendTails}). */
    public Map<String, NavigableMap<LocalDate, BigDecimal>> tails(LocalDate businessDate, List<SpendTails.Owing> owing) {
        return SpendTails.read(businessDate, owing, this, counts);
    }

    /** What this store read so far (one per step execution: the writer is step-scoped). */
    public SpendTails.Counts counts() {
        return counts;
    }

    @Override
    public void read(List<SpendTails.Range> ranges, SpendTails.Row sink) {
        LocalDate[] weeks = span();
        if (weeks[0] == null) {
            return; // no history at all
        }
        LocalDate lastDay = weeks[1].plusDays(6);
        // every (week, account) point of the ranges, inside the history's span, by week
        TreeMap<WeekPart, List<String>> points = new TreeMap<>();
        for (SpendTails.Range r : ranges) {
            LocalDate from = r.from().isBefore(weeks[0]) ? weeks[0] : r.from();
            LocalDate to = r.before() == null || r.before().isAfter(lastDay) ? lastDay : r.before().minusDays(1);
            if (from.isAfter(to)) {
                continue; // nothing of the history inside the range
            }
            for (LocalDate week = ChargeWeek.of(from); !week.isAfter(to); week = week.plusWeeks(1)) {
                WeekPart part = new WeekPart(week, from.isAfter(week) ? from : week,
                        to.isBefore(week.plusDays(6)) ? to : week.plusDays(6));
                points.computeIfAbsent(part, k -> new ArrayList<>()).add(r.accountId());
            }
        }
        counts.seeks += points.values().stream().mapToLong(List::size).sum();
        StringBuilder where = new StringBuilder();
        int inStatement = 0;
        for (Map.Entry<WeekPart, List<String>> part : points.entrySet()) {
            List<String> ids = part.getValue();
            for (int i = 0; i < ids.size(); ) {
                int take = Math.min(ids.size() - i, POINTS_PER_STATEMENT - inStatement);
                where.append(inStatement == 0 ? "(" : " OR (").append(part.getKey().condition())
                        .append(" AND account_id IN ").append(Ids.inList(ids.subList(i, i + take))).append(')');
                i += take;
                inStatement += take;
                if (inStatement == POINTS_PER_STATEMENT) {
                    query(where, sink);
                    where.setLength(0);
                    inStatement = 0;
                }
            }
        }
        if (inStatement > 0) {
            query(where, sink);
        }
    }

    /**
     * Each account's whole spend per charge date (accounts without spend are absent), for the few accounts
     * an intraday lift or explain looks at: one seek per (week, account) of the history, since the key
     * does not hold an account's rows together across weeks (a condition on account_id alone would scan
     * the whole table).
     */
    public Map<String, NavigableMap<LocalDate, BigDecimal>> wholeHistory(Collection<String> accountIds) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> out = new HashMap<>();
        List<SpendTails.Range> ranges = new ArrayList<>(accountIds.size());
        for (String a : accountIds) {
            ranges.add(new SpendTails.Range(a, LocalDate.MIN, null));
        }
        read(ranges, (account, date, amount) -> out.computeIfAbsent(account, k -> new TreeMap<>()).put(date, amount));
        return out;
    }

    /** The dates {@code from} to {@code to} of one week (its Monday): all seven, or the part a range holds. */
    private record WeekPart(LocalDate week, LocalDate from, LocalDate to) implements Comparable<WeekPart> {

        private static final Comparator<WeekPart> ORDER = Comparator.comparing(WeekPart::week)
                .thenComparing(WeekPart::from).thenComparing(WeekPart::to);

        String condition() {
            String sql = "charge_week = DATE '" + week + "'";
            return from.equals(week) && to.equals(week.plusDays(6)) ? sql
                    : sql + " AND charge_date BETWEEN DATE '" + from + "' AND DATE '" + to + "'";
        }

        @Override
        public int compareTo(WeekPart other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * The spend each account from {@code first} to {@code last} had posted by the closes after {@code after}
     * up to {@code upTo}, as those closes recorded it (account_day_delta: the earliest charge date, and the
     * late spend per charge date), one entry per run that posted spend: a kept tail is carried through
     * them ({@link KeptTail#carriedOn}). A run's first charge date is {@link LocalDate#MIN} where its close
     * did not record it (written before V12). Null when more than {@value #MAX_DAYS_SINCE_KEPT} dates lie
     * between: nothing kept is then carried on.
     */
    public Map<String, List<KeptTail.Posted>> spendPostedSince(LocalDate after, LocalDate upTo, String first, String last) {
        Map<String, List<KeptTail.Posted>> posted = new HashMap<>();
        long days = ChronoUnit.DAYS.between(after, upTo);
        if (days > MAX_DAYS_SINCE_KEPT) {
            return null;
        }
        // one equality per date: the primary key (business_date, account_id) then seeks the chunk's id range
        StringBuilder dates = new StringBuilder();
        for (LocalDate d = after.plusDays(1); !d.isAfter(upTo); d = d.plusDays(1)) {
            dates.append(dates.isEmpty() ? "" : ", ").append("DATE '").append(d).append('\'');
        }
        jdbc.query("SELECT account_id, business_date, first_spend_date, debits, late_spend FROM account_day_delta"
                + " WHERE business_date IN (" + dates + ") AND account_id BETWEEN ? AND ?", rs -> {
                    LocalDate firstCharge = rs.getObject(3, LocalDate.class);
                    if (firstCharge == null && rs.getBigDecimal(4).signum() > 0) {
                        firstCharge = LocalDate.MIN;
                    }
                    if (firstCharge != null) {
                        String late = rs.getString(5);
                        posted.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(new KeptTail.Posted(
                                rs.getObject(2, LocalDate.class), firstCharge,
                                late == null ? null : LateSpendText.parse(late)));
                    }
                }, first, last);
        return posted;
    }

    private void query(CharSequence where, SpendTails.Row sink) {
        jdbc.query("SELECT account_id, charge_date, amount FROM account_spend_day WHERE " + where, rs -> {
            sink.accept(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
        });
    }

    @Override
    public Map<String, BigDecimal> totalSpend(Collection<String> accountIds) {
        Map<String, BigDecimal> total = new HashMap<>();
        List<String> ids = new ArrayList<>(accountIds);
        for (int i = 0; i < ids.size(); i += IDS_PER_STATEMENT) {
            // the ledger's debits are the sum of every spend row (the close adds both from the same entries)
            jdbc.query("SELECT account_id, debits FROM account WHERE account_id IN "
                    + Ids.inList(ids.subList(i, Math.min(ids.size(), i + IDS_PER_STATEMENT))), rs -> {
                        total.put(rs.getString(1), rs.getBigDecimal(2));
                    });
        }
        return total;
    }

    /** The Monday of the history's first week: at most 6 days before its first charge date, which is all the walk needs. */
    @Override
    public LocalDate earliestChargeDate() {
        return span()[0];
    }

    private LocalDate[] span() {
        if (span == null) {
            // both ends of the primary key: one index entry each (the first charge date would need a
            // scan of the first week's part of the table)
            span = jdbc.query("SELECT MIN(charge_week), MAX(charge_week) FROM account_spend_day", rs -> {
                rs.next();
                return new LocalDate[]{rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)};
            });
        }
        return span;
    }
}

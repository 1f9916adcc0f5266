package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.db.BulkLoad;
import com.p4p.arrears.ops.StepMetrics;
import com.p4p.arrears.policy.Policy;

/**
 * Closes the ledger day in one transaction: the day's movements per account (account_day_delta) are
 * added to each account's running totals (an account already at this date fails the close), the day's
 * spend per charge date to the ageing history (account_spend_day), each currency's opening, debits,
 * credits and closing balance are recorded, and each account's earliest refund or chargeback date
 * moves. Refuses to complete when closing != opening + credits - debits.
 * <p>
 * The day's postings (of the suspense release, spend and payments steps) are the entries after the
 * last one of the previous close ({@code ledger_day}). Their movements per account come, on MySQL,
 * from the sums the posting steps kept as their chunks committed ({@link DayPostings}), written with
 * LOAD DATA: no pass over the day's entries (README, Performance: what that pass cost). Those sums are
 * taken only if they provably hold exactly the day's entries (their entry-id ranges run from the
 * previous close to the ledger's last entry); otherwise (a night restarted in a new process, H2, an
 * entry from anywhere else) the entries are summed in the database, set-based, in two passes. The SQL, and its H2 and MySQL forms, are in
 * {@link LedgerDayStore}; this class is the order of the close and its checks.
 */
public class CloseLedgerDayTasklet implements Tasklet {

    /** Step execution context key: where the day's movements per account came from. */
    public static final String SUMMED_KEY = "movementsSummed";
    public static final String SUMMED_BY_POSTING = "as posted (sums kept by the posting steps)";
    public static final String SUMMED_FROM_ENTRIES = "from the ledger's entries";

    private static final Logger log = LoggerFactory.getLogger("progress");
    private static final int LOAD_SLICE = 100_000;
    private static final int LATE_BATCH = 2_000;
    /** At most this many lifted entries are read into the posting sums (more: the entries are summed). */
    private static final long LIFTED_MAX = 2_000_000;

    private final LocalDate businessDate;
    private final Policy policy;
    private final LedgerDayStore store;
    private final DayPostingsTracker tracker;

    /** @param tracker the posting steps' sums of the day, or null to always sum the entries in the database */
    public CloseLedgerDayTasklet(LocalDate businessDate, Policy policy, JdbcTemplate jdbc, DayPostingsTracker tracker) {
        this.businessDate = businessDate;
        this.policy = policy;
        this.store = new LedgerDayStore(jdbc);
        this.tracker = tracker;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long start = System.nanoTime();
        long readsAtStart = store.rowsReadNow();
        Date day = Date.valueOf(businessDate);
        // one pass over the accounts for the opening balances and for a close of this date already applied
        LedgerDayStore.Balances opening = store.balances(day);
        if (opening.atOrAfterDate() > 0) {
            throw new IllegalStateException("account totals already include " + businessDate + " or a later date");
        }
        long after = store.lastClosedEntryId(day);

        store.clearDayDelta(day);
        DayPostings sums = postingSums(after);
        List<DayPostings.LateSpend> late = sums == null ? List.of() : sums.lateSpend();
        DayMovements movements;
        if (sums != null) {
            movements = writeDayDelta(sums, LateSpendText.byAccount(late));
        } else {
            store.sumDayEntries(after, day);
            movements = new DayMovements(store.movementsByCurrency(day), store.dayDeltaAccounts(day));
        }
        String from = sums != null ? SUMMED_BY_POSTING : SUMMED_FROM_ENTRIES;
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(SUMMED_KEY, from);
        log.info("closeLedgerDay: the day's movements " + from + " in " + seconds(start));
        long totalsStart = System.nanoTime();

        int updated = addToAccountTotals(day, movements.accounts());
        contribution.incrementWriteCount(updated);
        log.info("closeLedgerDay: " + updated + " accounts' totals moved in " + seconds(totalsStart));
        long ageingStart = System.nanoTime();

        // The close is one transaction, and its ledger_day row (primary key: the date) makes a second close
        // of the same date fail rather than add anything twice.
        if (sums != null) {
            addSpendDays(sums, late);
        } else {
            store.addSpendDaysFromEntries(after, day);
        }
        log.info("closeLedgerDay: spend per charge date added to the ageing history in " + seconds(ageingStart));
        Map<String, BigDecimal> closing = store.balances(day).byCurrency();

        store.clearCurrencyDays(day);
        for (String currency : policy.currencyCodes()) {
            BigDecimal open = opening.byCurrency().getOrDefault(currency, BigDecimal.ZERO);
            BigDecimal[] dc = movements.byCurrency().getOrDefault(currency,
                    new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal close = closing.getOrDefault(currency, BigDecimal.ZERO);
            if (open.add(dc[1]).subtract(dc[0]).compareTo(close) != 0) {
                throw new IllegalStateException("ledger does not balance for " + currency + " on " + businessDate
                        + ": opening " + open + " + credits " + dc[1] + " - debits " + dc[0] + " != closing " + close);
            }
            store.addCurrencyDay(day, currency, open, dc[0], dc[1], close);
        }
        store.addLedgerDay(day);
        long rowsRead = store.rowsReadSince(readsAtStart);
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putLong(StepMetrics.HISTORY_ROWS_READ, rowsRead);
        log.info("closeLedgerDay: " + rowsRead + " rows read by the database (Handler_read_*; -1: not counted here)");
        if (tracker != null) {
            tracker.closed(businessDate); // frees the sums; should this transaction fail, the next try sums the entries
        }
        return RepeatStatus.FINISHED;
    }

    private static String seconds(long since) {
        return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
    }

    /**
     * The sums the posting steps kept of the day's entries if they hold exactly the entries after the
     * previous close's last one, else null. MySQL only (H2 sums the entries).
     */
    private DayPostings postingSums(long after) {
        DayPostings sums = store.h2() || tracker == null ? null : tracker.sumsOf(businessDate);
        if (sums == null) {
            return null;
        }
        long count = store.entriesAfter(after);
        if (!sums.covers(after, count) && sums.usable() && sums.firstEntryId() > after) {
            addLifted(sums, after);
        }
        return sums.covers(after, count) ? sums : null;
    }

    /**
     * Entries between the previous close and the night's own postings are the date's intraday lifts
     * (SPEC 13), posted by other processes: a few, read by primary-key range and added to the sums, so a
     * night with lifts keeps the posting steps' sums. Any of another posted date, or too many: left out,
     * and the sums do not cover the day (the close then sums the entries).
     */
    private void addLifted(DayPostings sums, long after) {
        long upTo = sums.firstEntryId();
        long[] counts = store.entriesBetween(after, upTo, Date.valueOf(businessDate));
        if (counts[0] != counts[1] || counts[0] > LIFTED_MAX) {
            return;
        }
        List<LedgerItem> lifted = store.entries(after, upTo);
        if (sums.addEarlier(lifted, after, upTo)) {
            log.info("closeLedgerDay: " + lifted.size() + " entries of the day's intraday lifts added to the posting sums");
        }
    }

    /** The day's movements: each currency's {debits, credits}, and how many accounts moved. */
    private record DayMovements(Map<String, BigDecimal[]> byCurrency, long accounts) {
    }

    /**
     * account_day_delta from the posting steps' sums, in account order (the table's), a slice per load,
     * with each account's late spend per charge date (the ageing's kept tails need it: V13).
     * Each currency's debits and credits are added up on the way (the entries path reads them back
     * through a join with the account table).
     */
    private DayMovements writeDayDelta(DayPostings sums, Map<String, String> lateSpend) {
        Map<String, BigDecimal[]> byCurrency = new HashMap<>();
        BulkLoad rows = new BulkLoad();
        long[] accounts = {0};
        sums.forEachAccount(a -> {
            BigDecimal[] dc = byCurrency.computeIfAbsent(a.currency(), c -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            dc[0] = dc[0].add(a.debits());
            dc[1] = dc[1].add(a.credits());
            accounts[0]++;
            LedgerDayStore.dayDeltaRow(rows, businessDate, a, lateSpend.get(a.accountId()));
            if (rows.rows() == LOAD_SLICE) {
                store.addDayDelta(rows);
                rows.clear();
            }
        });
        store.addDayDelta(rows);
        return new DayMovements(byCurrency, accounts[0]);
    }

    /**
     * Adds the day's spend per charge date to the ageing history (account_spend_day) from the posting
     * steps' sums: spend charged on the date itself as new rows (it can only have been posted tonight),
     * late charges added to what their dates already had.
     */
    private void addSpendDays(DayPostings sums, List<DayPostings.LateSpend> lateSpend) {
        BulkLoad today = new BulkLoad();
        sums.forEachAccount(a -> {
            if (a.spendOnDate().signum() > 0) {
                LedgerDayStore.spendTodayRow(today, businessDate, a);
                if (today.rows() == LOAD_SLICE) {
                    store.addSpendToday(today);
                    today.clear();
                }
            }
        });
        store.addSpendToday(today);
        StringBuilder late = new StringBuilder();
        int lateRows = 0;
        // in key order (week, account, date): the list is by account then date, and the sort is stable
        List<DayPostings.LateSpend> byWeek = new ArrayList<>(lateSpend);
        byWeek.sort(Comparator.comparing(l -> ChargeWeek.of(l.chargeDate())));
        for (DayPostings.LateSpend l : byWeek) {
            late.append(lateRows == 0 ? "('" : ",('").append(ChargeWeek.of(l.chargeDate())).append("',")
                    .append(Ids.literal(l.accountId())).append(",'")
                    .append(l.chargeDate()).append("',").append(l.amount().toPlainString()).append(')');
            if (++lateRows == LATE_BATCH) {
                store.addLateSpend(late);
                late.setLength(0);
                lateRows = 0;
            }
        }
        if (lateRows > 0) {
            store.addLateSpend(late);
        }
    }

    /**
     * Adds each account's movement of the day ({@code moved} rows of account_day_delta) to its running
     * totals. Every account of account_day_delta must exist (postings need a known account) and none may
     * be at this date yet (the caller checked): anything else is a broken ledger and fails the close,
     * which rolls it back.
     */
    private int addToAccountTotals(Date day, long moved) {
        long updated = store.addToAccountTotals(day, moved);
        if (updated != moved) {
            throw new IllegalStateException(moved + " accounts have ledger entries of " + businessDate
                    + " but not all of them are in the account table");
        }
        return (int) moved;
    }
}

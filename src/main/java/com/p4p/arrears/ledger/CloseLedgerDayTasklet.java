package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ops.BulkLoad;
import com.p4p.arrears.ops.HandlerReads;
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
 * LOAD DATA: no pass over the day's entries, which took most of the close (sorting 11M entries by
 * account, then a second pass for late charges). Those sums are taken only if they provably hold
 * exactly the day's entries (their entry-id ranges run from the previous close to the ledger's last
 * entry); otherwise (a night restarted in a new process, H2, an entry from anywhere else) the entries
 * are summed in the database, set-based, in two passes. MySQL adds to the totals with INSERT ... ON
 * DUPLICATE KEY UPDATE; H2 (tests, embedded use) through the equivalent MERGE.
 */
public class CloseLedgerDayTasklet implements Tasklet {

    private static final String DEBIT = "CASE WHEN entry_type = 'SPEND' THEN amount ELSE 0 END";
    private static final String CREDIT = "CASE entry_type WHEN 'PAYMENT' THEN amount WHEN 'REFUND' THEN -amount"
            + " WHEN 'CHARGEBACK' THEN -amount ELSE 0 END";

    /** Step execution context key: where the day's movements per account came from. */
    public static final String SUMMED_KEY = "movementsSummed";
    public static final String SUMMED_BY_POSTING = "as posted (sums kept by the posting steps)";
    public static final String SUMMED_FROM_ENTRIES = "from the ledger's entries";

    private static final Logger log = LoggerFactory.getLogger("progress");
    private static final long SORT_BUFFER = 512L << 20;
    private static final String DELTA_COLUMNS = "business_date, account_id, debits, credits, spend_on_date,"
            + " first_reversal_date";
    private static final String SPEND_DAY_COLUMNS = "account_id, charge_date, amount";
    private static final int LOAD_SLICE = 100_000;
    private static final int LATE_BATCH = 2_000;
    /** At most this many lifted entries are read into the posting sums (more: the entries are summed). */
    private static final long LIFTED_MAX = 2_000_000;

    private final LocalDate businessDate;
    private final Policy policy;
    private final JdbcTemplate jdbc;
    private final boolean h2;
    private final DayPostingsTracker tracker;

    /** @param tracker the posting steps' sums of the day, or null to always sum the entries in the database */
    public CloseLedgerDayTasklet(LocalDate businessDate, Policy policy, JdbcTemplate jdbc, boolean h2,
                                 DayPostingsTracker tracker) {
        this.businessDate = businessDate;
        this.policy = policy;
        this.jdbc = jdbc;
        this.h2 = h2;
        this.tracker = tracker;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long start = System.nanoTime();
        long readsAtStart = HandlerReads.now(jdbc, h2);
        Date day = Date.valueOf(businessDate);
        // one pass over the accounts for the opening balances and for a close of this date already applied
        Balances opening = balances(day);
        if (opening.atOrAfterDate() > 0) {
            throw new IllegalStateException("account totals already include " + businessDate + " or a later date");
        }
        long after = jdbc.queryForObject("SELECT COALESCE(MAX(last_entry_id), 0) FROM ledger_day WHERE business_date < ?",
                Long.class, day);

        jdbc.update("DELETE FROM account_day_delta WHERE business_date = ?", day);
        DayPostings sums = postingSums(after);
        DayMovements movements;
        if (sums != null) {
            movements = writeDayDelta(sums);
        } else {
            sumDayEntries(after, day);
            movements = new DayMovements(movementsByCurrency(day),
                    jdbc.queryForObject("SELECT COUNT(*) FROM account_day_delta WHERE business_date = ?", Long.class, day));
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
            addSpendDays(sums);
        } else {
            addSpendDays(after, day);
        }
        log.info("closeLedgerDay: spend per charge date added to the ageing history in " + seconds(ageingStart));
        Map<String, BigDecimal> closing = balances(day).byCurrency();

        jdbc.update("DELETE FROM currency_day WHERE business_date = ?", day);
        for (String currency : policy.currencyCodes()) {
            BigDecimal open = opening.byCurrency().getOrDefault(currency, BigDecimal.ZERO);
            BigDecimal[] dc = movements.byCurrency().getOrDefault(currency,
                    new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal close = closing.getOrDefault(currency, BigDecimal.ZERO);
            if (open.add(dc[1]).subtract(dc[0]).compareTo(close) != 0) {
                throw new IllegalStateException("ledger does not balance for " + currency + " on " + businessDate
                        + ": opening " + open + " + credits " + dc[1] + " - debits " + dc[0] + " != closing " + close);
            }
            jdbc.update("INSERT INTO currency_day (business_date, currency, opening_balance, debits, credits,"
                    + " closing_balance) VALUES (?,?,?,?,?,?)", day, currency, open, dc[0], dc[1], close);
        }
        jdbc.update("INSERT INTO ledger_day (business_date, last_entry_id) SELECT ?, COALESCE(MAX(entry_id), 0)"
                + " FROM ledger_entry", day);
        long rowsRead = HandlerReads.since(jdbc, h2, readsAtStart);
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
     * previous close's last one, else null. MySQL only: they are written with LOAD DATA.
     */
    private DayPostings postingSums(long after) {
        DayPostings sums = h2 || tracker == null ? null : tracker.sumsOf(businessDate);
        if (sums == null) {
            return null;
        }
        long last = jdbc.queryForObject("SELECT COALESCE(MAX(entry_id), 0) FROM ledger_entry", Long.class);
        if (!sums.covers(after, last) && sums.usable() && sums.firstEntryId() > after) {
            addLifted(sums, after);
        }
        return sums.covers(after, last) ? sums : null;
    }

    /**
     * Entries between the previous close and the night's own postings are the date's intraday lifts
     * (SPEC 13), posted by other processes: a few, read by primary-key range and added to the sums, so a
     * night with lifts keeps the posting steps' sums. Any of another posted date, or too many: left out,
     * and the sums do not cover the day (the close then sums the entries).
     */
    private void addLifted(DayPostings sums, long after) {
        long upTo = sums.firstEntryId();
        Date day = Date.valueOf(businessDate);
        long[] counts = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN posted_date = ? THEN 1 ELSE 0 END), 0)"
                + " FROM ledger_entry WHERE entry_id > ? AND entry_id <= ?",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, day, after, upTo);
        if (counts[0] != counts[1] || counts[0] > LIFTED_MAX) {
            return;
        }
        java.util.List<com.p4p.arrears.ingest.LedgerItem> lifted = jdbc.query("SELECT " + LedgerRepository.ITEM_COLUMNS
                + " FROM ledger_entry WHERE entry_id > ? AND entry_id <= ?", (rs, i) -> LedgerRepository.item(rs), after, upTo);
        if (sums.addEarlier(lifted, after, upTo)) {
            log.info("closeLedgerDay: " + lifted.size() + " entries of the day's intraday lifts added to the posting sums");
        }
    }

    /** The day's movements: each currency's {debits, credits}, and how many accounts moved. */
    private record DayMovements(Map<String, BigDecimal[]> byCurrency, long accounts) {
    }

    /**
     * account_day_delta from the posting steps' sums, in account order (the table's), a slice per LOAD
     * DATA. Each currency's debits and credits are added up on the way (the entries path reads them back
     * through a join with the account table).
     */
    private DayMovements writeDayDelta(DayPostings sums) {
        Map<String, BigDecimal[]> byCurrency = new HashMap<>();
        BulkLoad[] rows = {new BulkLoad()};
        long[] accounts = {0};
        sums.forEachAccount(a -> {
            BigDecimal[] dc = byCurrency.computeIfAbsent(a.currency(), c -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            dc[0] = dc[0].add(a.debits());
            dc[1] = dc[1].add(a.credits());
            accounts[0]++;
            rows[0].date(businessDate).text(a.accountId()).decimal(a.debits()).decimal(a.credits())
                    .decimal(a.spendOnDate()).date(a.firstReversalDate()).endRow();
            if (rows[0].rows() == LOAD_SLICE) {
                rows[0].into(jdbc, "account_day_delta", DELTA_COLUMNS);
                rows[0] = new BulkLoad();
            }
        });
        rows[0].into(jdbc, "account_day_delta", DELTA_COLUMNS);
        return new DayMovements(byCurrency, accounts[0]);
    }

    /** Each currency's debits and credits of the day, from account_day_delta and the accounts' currencies. */
    private Map<String, BigDecimal[]> movementsByCurrency(Date day) {
        Map<String, BigDecimal[]> movements = new HashMap<>();
        jdbc.query("SELECT a.currency, SUM(d.debits), SUM(d.credits) FROM account_day_delta d"
                + " JOIN account a ON a.account_id = d.account_id WHERE d.business_date = ? GROUP BY a.currency",
                rs -> {
                    movements.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }, day);
        return movements;
    }

    /** account_day_delta by summing the day's entries in the database: one pass, sorted by account. */
    private void sumDayEntries(long after, Date day) {
        // A million groups overflow MySQL's default in-memory temporary table (16 MB) and the on-disk one took
        // 137 s for 11M entries; sorting in a large enough buffer (allocated as needed) takes 20 s.
        if (!h2) {
            jdbc.execute("SET SESSION sort_buffer_size = " + SORT_BUFFER);
        }
        try {
            jdbc.update("INSERT INTO account_day_delta (" + DELTA_COLUMNS + ") SELECT " + (h2 ? "" : "SQL_BIG_RESULT ")
                    + "?, account_id, SUM(" + DEBIT + "), SUM(" + CREDIT + "),"
                    + " SUM(CASE WHEN entry_type = 'SPEND' AND entry_date = ? THEN amount ELSE 0 END),"
                    + " MIN(CASE WHEN entry_type IN ('REFUND', 'CHARGEBACK') THEN entry_date END)"
                    + " FROM ledger_entry WHERE entry_id > ? AND posted_date = ? GROUP BY account_id", day, day, after, day);
        } finally {
            if (!h2) {
                jdbc.execute("SET SESSION sort_buffer_size = DEFAULT");
            }
        }
    }

    /**
     * Adds the day's spend per charge date to the ageing history (account_spend_day) from the posting
     * steps' sums: spend charged on the date itself as new rows (it can only have been posted tonight;
     * LOAD DATA refuses a row that exists), late charges added to what their dates already had.
     */
    private void addSpendDays(DayPostings sums) {
        BulkLoad[] today = {new BulkLoad()};
        sums.forEachAccount(a -> {
            if (a.spendOnDate().signum() > 0) {
                today[0].text(a.accountId()).date(businessDate).decimal(a.spendOnDate()).endRow();
                if (today[0].rows() == LOAD_SLICE) {
                    today[0].into(jdbc, "account_spend_day", SPEND_DAY_COLUMNS);
                    today[0] = new BulkLoad();
                }
            }
        });
        today[0].into(jdbc, "account_spend_day", SPEND_DAY_COLUMNS);
        StringBuilder late = new StringBuilder();
        int lateRows = 0;
        for (DayPostings.LateSpend l : sums.lateSpend()) {
            late.append(lateRows == 0 ? "(" : ",(").append(Ids.literal(l.accountId())).append(",'")
                    .append(l.chargeDate()).append("',").append(l.amount().toPlainString()).append(')');
            if (++lateRows == LATE_BATCH) {
                addLateSpend(late);
                late.setLength(0);
                lateRows = 0;
            }
        }
        if (lateRows > 0) {
            addLateSpend(late);
        }
    }

    private void addLateSpend(CharSequence values) {
        jdbc.update("INSERT INTO account_spend_day (" + SPEND_DAY_COLUMNS + ") VALUES " + values
                + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)");
    }

    /**
     * Adds the day's spend per charge date to the ageing history by summing the day's entries. Spend
     * charged on D can only have been posted tonight (a later date is FUTURE_DATE), so these are new
     * rows, in account order. Late charges (dated before D, a few percent) are grouped by account and
     * date in a second pass over the day's entries and added to what those dates already had.
     */
    private void addSpendDays(long after, Date day) {
        String spendToday = "SELECT account_id, business_date, spend_on_date FROM account_day_delta"
                + " WHERE business_date = ? AND spend_on_date > 0";
        String lateSpend = "SELECT account_id, entry_date, SUM(amount) AS amount FROM ledger_entry WHERE entry_id > ?"
                + " AND posted_date = ? AND entry_type = 'SPEND' AND entry_date <> ? GROUP BY account_id, entry_date";
        if (h2) {
            jdbc.update("MERGE INTO account_spend_day USING (" + spendToday + ") s ON (account_spend_day.account_id ="
                    + " s.account_id AND account_spend_day.charge_date = s.business_date)"
                    + " WHEN MATCHED THEN UPDATE SET amount = account_spend_day.amount + s.spend_on_date"
                    + " WHEN NOT MATCHED THEN INSERT (account_id, charge_date, amount)"
                    + " VALUES (s.account_id, s.business_date, s.spend_on_date)", day);
            jdbc.update("MERGE INTO account_spend_day USING (" + lateSpend + ") s ON (account_spend_day.account_id ="
                    + " s.account_id AND account_spend_day.charge_date = s.entry_date)"
                    + " WHEN MATCHED THEN UPDATE SET amount = account_spend_day.amount + s.amount"
                    + " WHEN NOT MATCHED THEN INSERT (account_id, charge_date, amount)"
                    + " VALUES (s.account_id, s.entry_date, s.amount)", after, day, day);
        } else {
            jdbc.update("INSERT INTO account_spend_day (" + SPEND_DAY_COLUMNS + ") " + spendToday
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", day);
            jdbc.update("INSERT INTO account_spend_day (" + SPEND_DAY_COLUMNS + ") " + lateSpend
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", after, day, day);
        }
    }

    /**
     * Adds each account's movement of the day ({@code moved} rows of account_day_delta) to its running
     * totals and moves its earliest refund or chargeback date (the ageing anchor of an account without
     * spend). Every account of account_day_delta must exist (postings need a known account) and none may
     * be at this date yet (the caller checked): anything else is a broken ledger and fails the close,
     * which rolls it back.
     * <p>
     * MySQL through INSERT ... ON DUPLICATE KEY UPDATE: MariaDB's multi-table UPDATE of a million accounts
     * through a join took 17 s, this 13. Each row updated moves totals_as_of, so the server counts it twice
     * and a row inserted (an unknown account) once. H2 through the equivalent MERGE.
     */
    private int addToAccountTotals(Date day, long moved) {
        String reversal = "CASE WHEN %1$s IS NOT NULL AND (account.earliest_reversal_date IS NULL"
                + " OR %1$s < account.earliest_reversal_date) THEN %1$s ELSE account.earliest_reversal_date END";
        long updated;
        if (h2) {
            updated = jdbc.update("MERGE INTO account USING (SELECT account_id, debits, credits, first_reversal_date"
                    + " FROM account_day_delta WHERE business_date = ?) d ON (account.account_id = d.account_id)"
                    + " WHEN MATCHED THEN UPDATE SET debits = account.debits + d.debits,"
                    + " credits = account.credits + d.credits, totals_as_of = ?, earliest_reversal_date = "
                    + String.format(reversal, "d.first_reversal_date"), day, day);
        } else {
            int affected = jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold,"
                    + " first_seen_date, snapshot_date, snapshot_line, debits, credits, totals_as_of,"
                    + " earliest_reversal_date) SELECT account_id, '', '', business_date, 'N', business_date,"
                    + " business_date, 0, debits, credits, business_date, first_reversal_date FROM account_day_delta"
                    + " WHERE business_date = ? ON DUPLICATE KEY UPDATE debits = account.debits + VALUES(debits),"
                    + " credits = account.credits + VALUES(credits), earliest_reversal_date = "
                    + String.format(reversal, "VALUES(earliest_reversal_date)")
                    + ", totals_as_of = VALUES(totals_as_of)", day);
            updated = affected == 2 * moved ? moved : -1; // an insert among the updates counts 1
        }
        if (updated != moved) {
            throw new IllegalStateException(moved + " accounts have ledger entries of " + businessDate
                    + " but not all of them are in the account table");
        }
        return (int) moved;
    }

    /** Each currency's balance, and how many accounts' totals are at the date or later. */
    private record Balances(Map<String, BigDecimal> byCurrency, long atOrAfterDate) {
    }

    private Balances balances(Date day) {
        Map<String, BigDecimal> out = new HashMap<>();
        long[] atOrAfter = {0};
        jdbc.query("SELECT currency, SUM(credits - debits), SUM(CASE WHEN totals_as_of >= ? THEN 1 ELSE 0 END)"
                + " FROM account GROUP BY currency", rs -> {
                    out.put(rs.getString(1), rs.getBigDecimal(2));
                    atOrAfter[0] += rs.getLong(3);
                }, day);
        return new Balances(out, atOrAfter[0]);
    }
}

package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.db.BulkLoad;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.db.HandlerReads;

/**
 * The close's table group: the day's movements per account (account_day_delta), the accounts' running
 * totals (account), the ageing history (account_spend_day), each currency's day (currency_day) and the
 * closed days (ledger_day). Every statement of {@link CloseLedgerDayTasklet}, with the one choice
 * between H2 and MySQL: MySQL adds to totals with INSERT ... ON DUPLICATE KEY UPDATE and sorts a large
 * GROUP BY in a session sort buffer; H2 (tests, embedded use) uses the equivalent MERGE.
 */
class LedgerDayStore {

    private static final String DEBIT = "CASE WHEN entry_type = 'SPEND' THEN amount ELSE 0 END";
    private static final String CREDIT = "CASE entry_type WHEN 'PAYMENT' THEN amount WHEN 'REFUND' THEN -amount"
            + " WHEN 'CHARGEBACK' THEN -amount ELSE 0 END";
    private static final long SORT_BUFFER = 512L << 20;
    private static final String DELTA_COLUMNS = "business_date, account_id, debits, credits, spend_on_date,"
            + " first_reversal_date, first_spend_date";
    /** The posting sums also record each account's late spend per charge date (V13; the entries path does not). */
    private static final String DELTA_COLUMNS_WITH_LATE = DELTA_COLUMNS + ", late_spend";
    /** Key order: the week (its Monday, {@link ChargeWeek}), the account, the date (V14). */
    private static final String SPEND_DAY_COLUMNS = "charge_week, account_id, charge_date, amount";

    private final JdbcTemplate jdbc;
    private final boolean h2;

    LedgerDayStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.h2 = Databases.isH2(jdbc.getDataSource());
    }

    /** H2: no LOAD DATA of the posting steps' sums (the entries are summed), no Handler_read_* counters. */
    boolean h2() {
        return h2;
    }

    /** The session's rows read so far (-1 on H2): see {@link HandlerReads}. */
    long rowsReadNow() {
        return HandlerReads.now(jdbc, h2);
    }

    long rowsReadSince(long start) {
        return HandlerReads.since(jdbc, h2, start);
    }

    /** Each currency's balance, and how many accounts' totals are at the date or later. */
    record Balances(Map<String, BigDecimal> byCurrency, long atOrAfterDate) {
    }

    Balances balances(Date day) {
        Map<String, BigDecimal> out = new HashMap<>();
        long[] atOrAfter = {0};
        jdbc.query("SELECT currency, SUM(credits - debits), SUM(CASE WHEN totals_as_of >= ? THEN 1 ELSE 0 END)"
                + " FROM account GROUP BY currency", rs -> {
                    out.put(rs.getString(1), rs.getBigDecimal(2));
                    atOrAfter[0] += rs.getLong(3);
                }, day);
        return new Balances(out, atOrAfter[0]);
    }

    /** The last entry id of the closes before {@code day} (0: none). */
    long lastClosedEntryId(Date day) {
        return jdbc.queryForObject("SELECT COALESCE(MAX(last_entry_id), 0) FROM ledger_day WHERE business_date < ?",
                Long.class, day);
    }

    /** How many entries the ledger has after this entry id (a primary-key range: the day's entries). */
    long entriesAfter(long after) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE entry_id > ?", Long.class, after);
    }

    /** Of the entries after {@code after} up to {@code upTo}: how many, and how many posted on {@code day}. */
    long[] entriesBetween(long after, long upTo, Date day) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN posted_date = ? THEN 1 ELSE 0 END), 0)"
                + " FROM ledger_entry WHERE entry_id > ? AND entry_id <= ?",
                (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, day, after, upTo);
    }

    List<LedgerItem> entries(long after, long upTo) {
        return jdbc.query("SELECT " + LedgerRepository.ITEM_COLUMNS + " FROM ledger_entry WHERE entry_id > ? AND entry_id <= ?",
                (rs, i) -> LedgerRepository.item(rs), after, upTo);
    }

    void clearDayDelta(Date day) {
        jdbc.update("DELETE FROM account_day_delta WHERE business_date = ?", day);
    }

    /**
     * Appends an account's movement of the day to rows for {@link #addDayDelta}.
     *
     * @param lateSpend its late spend per charge date ({@link LateSpendText}); null: none, or not recorded
     */
    static void dayDeltaRow(BulkLoad rows, LocalDate day, DayPostings.AccountDay a, String lateSpend) {
        rows.date(day).text(a.accountId()).decimal(a.debits()).decimal(a.credits()).decimal(a.spendOnDate())
                .date(a.firstReversalDate()).date(a.firstSpendDate()).text(lateSpend).endRow();
    }

    void addDayDelta(BulkLoad rows) {
        rows.into(jdbc, "account_day_delta", DELTA_COLUMNS_WITH_LATE);
    }

    long dayDeltaAccounts(Date day) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM account_day_delta WHERE business_date = ?", Long.class, day);
    }

    /** Each currency's debits and credits of the day, from account_day_delta and the accounts' currencies. */
    Map<String, BigDecimal[]> movementsByCurrency(Date day) {
        Map<String, BigDecimal[]> movements = new HashMap<>();
        jdbc.query("SELECT a.currency, SUM(d.debits), SUM(d.credits) FROM account_day_delta d"
                + " JOIN account a ON a.account_id = d.account_id WHERE d.business_date = ? GROUP BY a.currency",
                rs -> {
                    movements.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }, day);
        return movements;
    }

    /** account_day_delta by summing the day's entries in the database: one pass, sorted by account. */
    void sumDayEntries(long after, Date day) {
        // A million groups overflow MySQL's default in-memory temporary table (16 MB) and the on-disk one is
        // several times slower than sorting in a large enough buffer (allocated as needed; README, Performance).
        if (!h2) {
            jdbc.execute("SET SESSION sort_buffer_size = " + SORT_BUFFER);
        }
        try {
            jdbc.update("INSERT INTO account_day_delta (" + DELTA_COLUMNS + ") SELECT " + (h2 ? "" : "SQL_BIG_RESULT ")
                    + "?, account_id, SUM(" + DEBIT + "), SUM(" + CREDIT + "),"
                    + " SUM(CASE WHEN entry_type = 'SPEND' AND entry_date = ? THEN amount ELSE 0 END),"
                    + " MIN(CASE WHEN entry_type IN ('REFUND', 'CHARGEBACK') THEN entry_date END),"
                    + " MIN(CASE WHEN entry_type = 'SPEND' THEN entry_date END)"
                    + " FROM ledger_entry WHERE entry_id > ? AND posted_date = ? GROUP BY account_id", day, day, after, day);
        } finally {
            if (!h2) {
                jdbc.execute("SET SESSION sort_buffer_size = DEFAULT");
            }
        }
    }

    /** Appends spend charged on the date itself to rows for {@link #addSpendToday}. */
    static void spendTodayRow(BulkLoad rows, LocalDate day, DayPostings.AccountDay a) {
        rows.date(ChargeWeek.of(day)).text(a.accountId()).date(day).decimal(a.spendOnDate()).endRow();
    }

    /** New rows of the ageing history (LOAD DATA refuses a row that exists). */
    void addSpendToday(BulkLoad rows) {
        rows.into(jdbc, "account_spend_day", SPEND_DAY_COLUMNS);
    }

    /** Late charges, {@code values} as SQL row literals in the order of SPEND_DAY_COLUMNS, added to what their dates already had. */
    void addLateSpend(CharSequence values) {
        jdbc.update("INSERT INTO account_spend_day (" + SPEND_DAY_COLUMNS + ") VALUES " + values
                + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)");
    }

    /**
     * Adds the day's spend per charge date to the ageing history by summing the day's entries. Spend
     * charged on D can only have been posted tonight (a later date is FUTURE_DATE), so these are new
     * rows, in account order. Late charges (dated before D, a few percent) are grouped by account and
     * date in a second pass over the day's entries and added to what those dates already had.
     */
    void addSpendDaysFromEntries(long after, Date day) {
        String week = "DATE '" + ChargeWeek.of(day.toLocalDate()) + "'";
        String spendToday = "SELECT " + week + " AS charge_week, account_id, business_date, spend_on_date"
                + " FROM account_day_delta WHERE business_date = ? AND spend_on_date > 0";
        String lateSpend = "SELECT " + ChargeWeek.sql(h2, "entry_date") + " AS charge_week, account_id, entry_date,"
                + " SUM(amount) AS amount FROM ledger_entry WHERE entry_id > ? AND posted_date = ?"
                + " AND entry_type = 'SPEND' AND entry_date <> ? GROUP BY account_id, entry_date";
        if (h2) {
            jdbc.update("MERGE INTO account_spend_day USING (" + spendToday + ") s ON (account_spend_day.account_id ="
                    + " s.account_id AND account_spend_day.charge_date = s.business_date)"
                    + " WHEN MATCHED THEN UPDATE SET amount = account_spend_day.amount + s.spend_on_date"
                    + " WHEN NOT MATCHED THEN INSERT (" + SPEND_DAY_COLUMNS + ")"
                    + " VALUES (s.charge_week, s.account_id, s.business_date, s.spend_on_date)", day);
            jdbc.update("MERGE INTO account_spend_day USING (" + lateSpend + ") s ON (account_spend_day.account_id ="
                    + " s.account_id AND account_spend_day.charge_date = s.entry_date)"
                    + " WHEN MATCHED THEN UPDATE SET amount = account_spend_day.amount + s.amount"
                    + " WHEN NOT MATCHED THEN INSERT (" + SPEND_DAY_COLUMNS + ")"
                    + " VALUES (s.charge_week, s.account_id, s.entry_date, s.amount)", after, day, day);
        } else {
            jdbc.update("INSERT INTO account_spend_day (" + SPEND_DAY_COLUMNS + ") " + spendToday
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", day);
            jdbc.update("INSERT INTO account_spend_day (" + SPEND_DAY_COLUMNS + ") " + lateSpend
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", after, day, day);
        }
    }

    /**
     * Adds each account's movement of the day (account_day_delta) to its running totals and moves its
     * earliest refund or chargeback date (the ageing anchor of an account without spend).
     * <p>
     * MySQL through INSERT ... ON DUPLICATE KEY UPDATE (faster on MariaDB than a multi-table UPDATE through
     * a join; README, Performance). Each row updated moves totals_as_of, so the server counts it twice
     * and a row inserted (an unknown account) once. H2 through the equivalent MERGE.
     *
     * @return how many existing accounts were updated, or -1 when a row of account_day_delta had no account
     *         (MySQL inserts it; the caller's transaction must then roll back)
     */
    long addToAccountTotals(Date day, long moved) {
        String reversal = "CASE WHEN %1$s IS NOT NULL AND (account.earliest_reversal_date IS NULL"
                + " OR %1$s < account.earliest_reversal_date) THEN %1$s ELSE account.earliest_reversal_date END";
        if (h2) {
            return jdbc.update("MERGE INTO account USING (SELECT account_id, debits, credits, first_reversal_date"
                    + " FROM account_day_delta WHERE business_date = ?) d ON (account.account_id = d.account_id)"
                    + " WHEN MATCHED THEN UPDATE SET debits = account.debits + d.debits,"
                    + " credits = account.credits + d.credits, totals_as_of = ?, earliest_reversal_date = "
                    + String.format(reversal, "d.first_reversal_date"), day, day);
        }
        int affected = jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold,"
                + " first_seen_date, snapshot_date, snapshot_line, debits, credits, totals_as_of,"
                + " earliest_reversal_date) SELECT account_id, '', '', business_date, 'N', business_date,"
                + " business_date, 0, debits, credits, business_date, first_reversal_date FROM account_day_delta"
                + " WHERE business_date = ? ON DUPLICATE KEY UPDATE debits = account.debits + VALUES(debits),"
                + " credits = account.credits + VALUES(credits), earliest_reversal_date = "
                + String.format(reversal, "VALUES(earliest_reversal_date)")
                + ", totals_as_of = VALUES(totals_as_of)", day);
        return affected == 2 * moved ? moved : -1; // an insert among the updates counts 1
    }

    void clearCurrencyDays(Date day) {
        jdbc.update("DELETE FROM currency_day WHERE business_date = ?", day);
    }

    void addCurrencyDay(Date day, String currency, BigDecimal opening, BigDecimal debits, BigDecimal credits,
                        BigDecimal closing) {
        jdbc.update("INSERT INTO currency_day (business_date, currency, opening_balance, debits, credits,"
                + " closing_balance) VALUES (?,?,?,?,?,?)", day, currency, opening, debits, credits, closing);
    }

    /** Records the day closed at the ledger's last entry (its primary key, the date, refuses a second close). */
    void addLedgerDay(Date day) {
        jdbc.update("INSERT INTO ledger_day (business_date, last_entry_id) SELECT ?, COALESCE(MAX(entry_id), 0)"
                + " FROM ledger_entry", day);
    }
}

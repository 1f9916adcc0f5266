package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.policy.Policy;

/**
 * Closes the ledger day, set-based, in one transaction: sums the day's postings per account in one
 * pass (account_day_delta), adds them to each account's running totals (once: an account already at
 * this date is skipped), adds the day's spend per charge date to the ageing history
 * (account_spend_day), records each currency's opening, debits, credits and closing balance, and
 * moves each account's earliest refund or chargeback date. Refuses to complete when closing != opening
 * + credits - debits.
 * <p>
 * The day's postings (of the suspense release, spend and payments steps) are the entries after the
 * last one of the previous close ({@code ledger_day}): a primary-key range, read in two passes (all
 * entries by account; late charges by account and charge date). Posting thus costs one insert per row
 * instead of per-account upserts for every row, and at 10 rows per account a night, the close writes a
 * tenth of what posting used to. MySQL adds to the totals with INSERT ... ON DUPLICATE KEY
 * UPDATE; H2 (tests, embedded use) through the equivalent MERGE.
 */
public class CloseLedgerDayTasklet implements Tasklet {

    private static final String DEBIT = "CASE WHEN entry_type = 'SPEND' THEN amount ELSE 0 END";
    private static final String CREDIT = "CASE entry_type WHEN 'PAYMENT' THEN amount WHEN 'REFUND' THEN -amount"
            + " WHEN 'CHARGEBACK' THEN -amount ELSE 0 END";

    private static final long SORT_BUFFER = 512L << 20;

    private final LocalDate businessDate;
    private final Policy policy;
    private final JdbcTemplate jdbc;
    private final boolean h2;

    public CloseLedgerDayTasklet(LocalDate businessDate, Policy policy, JdbcTemplate jdbc, boolean h2) {
        this.businessDate = businessDate;
        this.policy = policy;
        this.jdbc = jdbc;
        this.h2 = h2;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Date day = Date.valueOf(businessDate);
        Map<String, BigDecimal> opening = balancesByCurrency();
        long after = jdbc.queryForObject("SELECT COALESCE(MAX(last_entry_id), 0) FROM ledger_day WHERE business_date < ?",
                Long.class, day);

        jdbc.update("DELETE FROM account_day_delta WHERE business_date = ?", day);
        // A million groups overflow MySQL's default in-memory temporary table (16 MB) and the on-disk one took
        // 137 s for 11M entries; sorting in a large enough buffer (allocated as needed) takes 20 s.
        if (!h2) {
            jdbc.execute("SET SESSION sort_buffer_size = " + SORT_BUFFER);
        }
        try {
            jdbc.update("INSERT INTO account_day_delta (business_date, account_id, debits, credits, spend_on_date,"
                    + " first_reversal_date) SELECT " + (h2 ? "" : "SQL_BIG_RESULT ") + "?, account_id, SUM(" + DEBIT
                    + "), SUM(" + CREDIT + "), SUM(CASE WHEN entry_type = 'SPEND' AND entry_date = ? THEN amount ELSE 0 END),"
                    + " MIN(CASE WHEN entry_type IN ('REFUND', 'CHARGEBACK') THEN entry_date END)"
                    + " FROM ledger_entry WHERE entry_id > ? AND posted_date = ? GROUP BY account_id", day, day, after, day);
        } finally {
            if (!h2) {
                jdbc.execute("SET SESSION sort_buffer_size = DEFAULT");
            }
        }

        Map<String, BigDecimal[]> movements = new HashMap<>();
        jdbc.query("SELECT a.currency, SUM(d.debits), SUM(d.credits) FROM account_day_delta d"
                + " JOIN account a ON a.account_id = d.account_id WHERE d.business_date = ? GROUP BY a.currency",
                rs -> {
                    movements.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }, day);

        int updated = addToAccountTotals(day);
        contribution.incrementWriteCount(updated);

        // Spend charged on D can only have been posted tonight (a later date is FUTURE_DATE), so these are new
        // rows, in account order. Late charges (dated before D, a few percent) are grouped by account and date
        // in a second pass over the day's entries and added to what those dates already had. The close is one
        // transaction, and its ledger_day row (primary key: the date) makes a second close of the same date
        // fail rather than add anything twice.
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
            jdbc.update("INSERT INTO account_spend_day (account_id, charge_date, amount) " + spendToday
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", day);
            jdbc.update("INSERT INTO account_spend_day (account_id, charge_date, amount) " + lateSpend
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", after, day, day);
        }
        Map<String, BigDecimal> closing = balancesByCurrency();

        jdbc.update("DELETE FROM currency_day WHERE business_date = ?", day);
        for (String currency : policy.currencyCodes()) {
            BigDecimal open = opening.getOrDefault(currency, BigDecimal.ZERO);
            BigDecimal[] dc = movements.getOrDefault(currency, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
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
        return RepeatStatus.FINISHED;
    }

    /**
     * Adds each account's movement of the day to its running totals and moves its earliest refund or
     * chargeback date (the ageing anchor of an account without spend). Every account of account_day_delta
     * must exist (postings need a known account) and none may be at this date yet (checked first): anything
     * else is a broken ledger and fails the close, which rolls it back.
     * <p>
     * MySQL through INSERT ... ON DUPLICATE KEY UPDATE: MariaDB's multi-table UPDATE of a million accounts
     * through a join took 17 s, this 13. Each row updated moves totals_as_of, so the server counts it twice
     * and a row inserted (an unknown account) once. H2 through the equivalent MERGE.
     */
    private int addToAccountTotals(Date day) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM account WHERE totals_as_of >= ?", Long.class, day) > 0) {
            throw new IllegalStateException("account totals already include " + businessDate + " or a later date");
        }
        long moved = jdbc.queryForObject("SELECT COUNT(*) FROM account_day_delta WHERE business_date = ?", Long.class, day);
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

    private Map<String, BigDecimal> balancesByCurrency() {
        Map<String, BigDecimal> out = new HashMap<>();
        jdbc.query("SELECT currency, SUM(credits - debits) FROM account GROUP BY currency",
                rs -> {
                    out.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return out;
    }
}

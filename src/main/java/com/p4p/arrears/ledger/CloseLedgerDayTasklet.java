package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ops.BulkLoad;
import com.p4p.arrears.policy.Policy;

/**
 * Closes the ledger day in one transaction: sums the day's postings per account (account_day_delta),
 * adds them to each account's running totals, adds the day's spend per charge date to the ageing
 * history (account_spend_day), records each currency's opening, debits, credits and closing balance,
 * and moves each account's earliest refund or chargeback date. Refuses to complete when closing !=
 * opening + credits - debits.
 * <p>
 * The day's postings (of the suspense release, spend and payments steps) are the entries after the
 * last one of the previous close ({@code ledger_day}): a primary-key range, streamed once and summed
 * in memory per account ({@link DayPostings}): grouping ten million entries in SQL made the database
 * sort them, twice. The per-currency movements are summed from the entries' own currency and checked
 * against the same sums through each account's currency: an entry whose account is unknown or in
 * another currency fails the close.
 */
public class CloseLedgerDayTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CloseLedgerDayTasklet.class);

    private final LocalDate businessDate;
    private final Policy policy;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final boolean h2;

    public CloseLedgerDayTasklet(LocalDate businessDate, Policy policy, JdbcTemplate jdbc, JdbcTemplate streaming,
                                 boolean h2) {
        this.businessDate = businessDate;
        this.policy = policy;
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.h2 = h2;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Date day = Date.valueOf(businessDate);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM ledger_day WHERE business_date >= ?", Long.class, day) > 0) {
            throw new IllegalStateException("the ledger day " + businessDate + " or a later one is already closed");
        }
        Map<String, BigDecimal> opening = balancesByCurrency();
        long after = jdbc.queryForObject("SELECT COALESCE(MAX(last_entry_id), 0) FROM ledger_day WHERE business_date < ?",
                Long.class, day);
        long last = jdbc.queryForObject("SELECT COALESCE(MAX(entry_id), 0) FROM ledger_entry", Long.class);

        long started = System.nanoTime();
        DayPostings postings = new DayPostings(businessDate);
        streaming.query("SELECT account_id, entry_type, entry_date, amount, currency FROM ledger_entry"
                + " WHERE entry_id > ? AND entry_id <= ? AND posted_date = ?", rs -> {
                    postings.add(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4),
                            rs.getString(5));
                }, after, last, day);
        log.info("closeLedgerDay: {} entries of {} summed for {} accounts in {} ms", postings.entries(), businessDate,
                postings.accountCount(), (System.nanoTime() - started) / 1_000_000);

        jdbc.update("DELETE FROM account_day_delta WHERE business_date = ?", day);
        writeAccountDays(postings);
        Map<String, BigDecimal[]> movements = postings.currencies();
        checkAgainstAccountCurrencies(movements);
        contribution.incrementWriteCount(addToAccountTotals());
        addToSpendHistory(postings);
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
        // the close is one transaction, and this row (primary key: the date) makes a second close of the same
        // date fail rather than add anything twice
        jdbc.update("INSERT INTO ledger_day (business_date, last_entry_id) VALUES (?, ?)", day, last);
        return RepeatStatus.FINISHED;
    }

    private void writeAccountDays(DayPostings postings) {
        String columns = "business_date, account_id, debits, credits, spend_on_date, first_reversal_date";
        if (h2) {
            List<Object[]> rows = new ArrayList<>(postings.accountCount());
            Date day = Date.valueOf(businessDate);
            postings.forEachAccount((account, d) -> rows.add(new Object[]{day, account, d.debits(), d.credits(),
                    d.spendOnDate(), d.firstReversalDate() == null ? null : Date.valueOf(d.firstReversalDate())}));
            jdbc.batchUpdate("INSERT INTO account_day_delta (" + columns + ") VALUES (?,?,?,?,?,?)", rows);
            return;
        }
        BulkLoad load = new BulkLoad();
        postings.forEachAccount((account, d) -> load.date(businessDate).text(account).decimal(d.debits())
                .decimal(d.credits()).decimal(d.spendOnDate()).date(d.firstReversalDate()).endRow());
        load.into(jdbc, "account_day_delta", columns);
    }

    /**
     * The day's debits and credits per currency, summed again through each account's currency: equal to the
     * entries' own unless an entry's account is missing or in another currency (posting forbids both).
     */
    private void checkAgainstAccountCurrencies(Map<String, BigDecimal[]> byEntryCurrency) {
        Map<String, BigDecimal[]> byAccount = new HashMap<>();
        jdbc.query("SELECT a.currency, SUM(d.debits), SUM(d.credits), COUNT(*) FROM account_day_delta d"
                + " JOIN account a ON a.account_id = d.account_id WHERE d.business_date = ? GROUP BY a.currency", rs -> {
                    byAccount.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }, Date.valueOf(businessDate));
        Set<String> currencies = new TreeSet<>(byAccount.keySet());
        currencies.addAll(byEntryCurrency.keySet());
        for (String currency : currencies) {
            BigDecimal[] e = byEntryCurrency.getOrDefault(currency, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal[] a = byAccount.getOrDefault(currency, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            if (e[0].compareTo(a[0]) != 0 || e[1].compareTo(a[1]) != 0) {
                throw new IllegalStateException("ledger entries of " + businessDate + " in " + currency + " (debits "
                        + e[0] + ", credits " + e[1] + ") do not match their accounts' (debits " + a[0] + ", credits "
                        + a[1] + "): an entry's account is unknown or in another currency");
            }
        }
    }

    /** Adds each account's movement to its running totals; returns how many accounts moved. */
    private int addToAccountTotals() {
        Date day = Date.valueOf(businessDate);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM account WHERE totals_as_of >= ?", Long.class, day) > 0) {
            throw new IllegalStateException("account totals already include " + businessDate + " or a later date");
        }
        String reversal = "CASE WHEN %2$s IS NOT NULL AND (%1$s.earliest_reversal_date IS NULL"
                + " OR %2$s < %1$s.earliest_reversal_date) THEN %2$s ELSE %1$s.earliest_reversal_date END";
        if (h2) {
            return jdbc.update("MERGE INTO account USING (SELECT account_id, debits, credits, first_reversal_date"
                    + " FROM account_day_delta WHERE business_date = ?) d ON (account.account_id = d.account_id)"
                    + " WHEN MATCHED THEN UPDATE SET debits = account.debits + d.debits, credits = account.credits"
                    + " + d.credits, totals_as_of = ?, earliest_reversal_date = "
                    + String.format(reversal, "account", "d.first_reversal_date"), day, day);
        }
        // MySQL: an UPDATE through a join of a million rows took 17 s (MariaDB's multi-table update); the same
        // through INSERT ... ON DUPLICATE KEY UPDATE takes 5. Every account of account_day_delta exists (checked
        // above through the join), so no row is inserted; each updated row counts 2.
        long moved = jdbc.queryForObject("SELECT COUNT(*) FROM account_day_delta WHERE business_date = ?", Long.class, day);
        int affected = jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold,"
                + " first_seen_date, snapshot_date, snapshot_line, debits, credits, totals_as_of, earliest_reversal_date)"
                + " SELECT account_id, '', '', business_date, 'N', business_date, business_date, 0, debits, credits,"
                + " business_date, first_reversal_date FROM account_day_delta WHERE business_date = ?"
                + " ON DUPLICATE KEY UPDATE debits = account.debits + VALUES(debits),"
                + " credits = account.credits + VALUES(credits), earliest_reversal_date = "
                + String.format(reversal, "account", "VALUES(earliest_reversal_date)")
                + ", totals_as_of = VALUES(totals_as_of)", day);
        if (affected > 2 * moved) {
            throw new IllegalStateException("adding " + moved + " accounts' movements of " + businessDate
                    + " affected " + affected + " rows");
        }
        return (int) moved;
    }

    /**
     * Spend charged on the business date can only have been posted tonight (a later date is FUTURE_DATE), so
     * those are new rows; late charges (dated before it, a few percent) add to what their dates had.
     */
    private void addToSpendHistory(DayPostings postings) {
        Date day = Date.valueOf(businessDate);
        if (h2) {
            jdbc.update("MERGE INTO account_spend_day USING (SELECT account_id, business_date, spend_on_date"
                    + " FROM account_day_delta WHERE business_date = ? AND spend_on_date > 0) s"
                    + " ON (account_spend_day.account_id = s.account_id AND account_spend_day.charge_date = s.business_date)"
                    + " WHEN MATCHED THEN UPDATE SET amount = account_spend_day.amount + s.spend_on_date"
                    + " WHEN NOT MATCHED THEN INSERT (account_id, charge_date, amount)"
                    + " VALUES (s.account_id, s.business_date, s.spend_on_date)", day);
        } else {
            jdbc.update("INSERT INTO account_spend_day (account_id, charge_date, amount) SELECT account_id,"
                    + " business_date, spend_on_date FROM account_day_delta WHERE business_date = ? AND spend_on_date > 0"
                    + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", day);
        }
        List<Object[]> late = new ArrayList<>(postings.lateSpendCount());
        postings.forEachLateSpend((key, amount) -> late.add(new Object[]{key.accountId(), Date.valueOf(key.chargeDate()),
                amount}));
        jdbc.batchUpdate("INSERT INTO account_spend_day (account_id, charge_date, amount) VALUES (?,?,?)"
                + " ON DUPLICATE KEY UPDATE amount = account_spend_day.amount + VALUES(amount)", late);
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

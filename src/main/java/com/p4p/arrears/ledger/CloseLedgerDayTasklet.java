package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.policy.Policy;

/**
 * Closes the ledger day: adds the day's postings to each account's running totals (once: an account
 * already at this date is skipped) and records each currency's opening, debits, credits and closing
 * balance. Refuses to complete when closing != opening + credits - debits.
 */
public class CloseLedgerDayTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final Policy policy;
    private final JdbcTemplate jdbc;

    public CloseLedgerDayTasklet(LocalDate businessDate, Policy policy, JdbcTemplate jdbc) {
        this.businessDate = businessDate;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Date day = Date.valueOf(businessDate);
        Map<String, BigDecimal> opening = balancesByCurrency();
        Map<String, BigDecimal[]> movements = new HashMap<>();
        jdbc.query("SELECT a.currency, SUM(d.debits), SUM(d.credits) FROM account_day_delta d"
                + " JOIN account a ON a.account_id = d.account_id WHERE d.business_date = ? GROUP BY a.currency",
                rs -> {
                    movements.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }, day);
        int updated = jdbc.update("UPDATE account SET"
                + " debits = debits + (SELECT d.debits FROM account_day_delta d WHERE d.business_date = ? AND d.account_id = account.account_id),"
                + " credits = credits + (SELECT d.credits FROM account_day_delta d WHERE d.business_date = ? AND d.account_id = account.account_id),"
                + " totals_as_of = ?"
                + " WHERE account_id IN (SELECT d.account_id FROM account_day_delta d WHERE d.business_date = ?)"
                + " AND (totals_as_of IS NULL OR totals_as_of < ?)", day, day, day, day, day);
        contribution.incrementWriteCount(updated);
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
        return RepeatStatus.FINISHED;
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

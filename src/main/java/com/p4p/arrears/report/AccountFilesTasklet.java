package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.arrears.RunwayForecast;
import com.p4p.arrears.partition.AccountRange;
import com.p4p.arrears.policy.Policy;

/**
 * Writes one range of accounts' rows of the account-sorted output files ({@link AccountFile}) as hidden
 * part files ({@link PartFiles}); the night's last step puts them together. runway.csv's part is empty
 * without a runway block (SPEC 10: then the file is its header only). Rows come from the database, so a
 * rerun of a partition writes the same bytes.
 */
public class AccountFilesTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final PartFiles parts;
    private final Policy policy;
    private final JdbcTemplate streaming;
    private final AccountRange range;

    public AccountFilesTasklet(LocalDate businessDate, PartFiles parts, Policy policy, JdbcTemplate streaming,
                               AccountRange range) {
        this.businessDate = businessDate;
        this.parts = parts;
        this.policy = policy;
        this.streaming = streaming;
        this.range = range;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String d = businessDate.toString();
        Date day = Date.valueOf(businessDate);

        try (AtomicCsvFile out = part(AccountFile.ACCOUNT_STATUS)) {
            streaming.query("SELECT a.account_id, a.store_id, a.currency, s.balance, s.owed, s.oldest_unpaid_date,"
                    + " s.days_past_due, s.stage, s.enforced_stage, s.credit_status, a.enforcement_hold"
                    + " FROM account a JOIN account_state s ON s.account_id = a.account_id"
                    + " WHERE 1 = 1" + range.andCondition("a.account_id") + " ORDER BY a.account_id", rs -> {
                        String currency = rs.getString(3);
                        out.row(d, rs.getString(1), rs.getString(2), currency,
                                Formats.money(rs.getBigDecimal(4), currency, policy),
                                Formats.money(rs.getBigDecimal(5), currency, policy), Formats.date(rs.getObject(6, LocalDate.class)),
                                Integer.toString(rs.getInt(7)), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11));
                    }, range.parameters());
            out.commit();
            contribution.incrementWriteCount(out.rows());
        }

        try (AtomicCsvFile out = part(AccountFile.ENFORCEMENT_ACTIONS)) {
            streaming.query("SELECT " + OutputRows.ACTION_COLUMNS + " FROM enforcement_action WHERE business_date = ?"
                    + range.andCondition("account_id") + " ORDER BY account_id, seq", rs -> {
                        out.row(OutputRows.action(d, rs, policy));
                    }, withDay(day));
            out.commit();
        }

        try (AtomicCsvFile out = part(AccountFile.CREDIT_IMPACT)) {
            streaming.query("SELECT account_id, event, status_code, previous_status_code, amount_past_due, currency,"
                    + " days_past_due, first_delinquency FROM credit_impact WHERE business_date = ?"
                    + range.andCondition("account_id") + " ORDER BY account_id", rs -> {
                        String currency = rs.getString(6);
                        out.row(d, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Formats.money(rs.getBigDecimal(5), currency, policy), currency,
                                Integer.toString(rs.getInt(7)), Formats.date(rs.getObject(8, LocalDate.class)));
                    }, withDay(day));
            out.commit();
        }

        // SPEC 10: without a runway block nothing was forecast, and the file is its header only
        try (AtomicCsvFile out = part(AccountFile.RUNWAY)) {
            if (policy.runway().isPresent()) {
                // the figures from S and the rule the row was forecast with (V11 stores no more)
                streaming.query("SELECT s.account_id, a.currency, s.balance, s.window_spend, s.runway_days,"
                        + " s.runway_digits, s.in_runway_band FROM account_state s JOIN account a ON a.account_id = s.account_id"
                        + " WHERE s.runway_days IS NOT NULL" + range.andCondition("s.account_id")
                        + " ORDER BY s.account_id", rs -> {
                            String currency = rs.getString(2);
                            BigDecimal balance = rs.getBigDecimal(3);
                            BigDecimal s = rs.getBigDecimal(4);
                            out.row(d, rs.getString(1), currency, Formats.money(balance, currency, policy),
                                    Formats.money(RunwayForecast.dailySpend(s, rs.getInt(5), rs.getInt(6)), currency, policy),
                                    RunwayForecast.daysToZero(balance, rs.getInt(5), s).toPlainString(),
                                    rs.getString(7));
                        }, range.parameters());
            }
            out.commit();
        }
        return RepeatStatus.FINISHED;
    }

    private AtomicCsvFile part(AccountFile file) {
        return parts.part(file.fileName(), range.index(), range.count());
    }

    /** The business date, then the range's bounds. */
    private Object[] withDay(Date day) {
        Object[] bounds = range.parameters();
        Object[] all = new Object[bounds.length + 1];
        all[0] = day;
        System.arraycopy(bounds, 0, all, 1, bounds.length);
        return all;
    }
}

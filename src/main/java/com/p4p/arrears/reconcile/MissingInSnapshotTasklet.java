package com.p4p.arrears.reconcile;

import java.sql.Date;
import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MISSING_IN_SNAPSHOT: every known account without a valid, same-currency row in the balances file,
 * with the ledger balance as expected. Set-based, and idempotent (the step's breaks are replaced).
 */
public class MissingInSnapshotTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final JdbcTemplate jdbc;
    private final boolean delivered;

    /** @param delivered whether the date's balances file was delivered; without it nothing is compared */
    public MissingInSnapshotTasklet(LocalDate businessDate, JdbcTemplate jdbc, boolean delivered) {
        this.businessDate = businessDate;
        this.jdbc = jdbc;
        this.delivered = delivered;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (!delivered) {
            return RepeatStatus.FINISHED;
        }
        Date day = Date.valueOf(businessDate);
        jdbc.update("DELETE FROM recon_break WHERE business_date = ? AND break_type = 'MISSING_IN_SNAPSHOT'", day);
        int raised = jdbc.update("INSERT INTO recon_break (business_date, break_type, source, reference, account_id,"
                + " expected, currency) SELECT ?, 'MISSING_IN_SNAPSHOT', 'balances', a.account_id, a.account_id,"
                + " a.credits - a.debits, a.currency FROM account a WHERE NOT EXISTS (SELECT 1 FROM balance_report b"
                + " WHERE b.business_date = ? AND b.account_id = a.account_id AND b.disposition = 'COMPARED')", day, day);
        contribution.incrementWriteCount(raised);
        return RepeatStatus.FINISHED;
    }
}

package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.NightlyStepNames;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.FaultInjector;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineTest;

/**
 * The close adds the day's movements to every moved account's totals, on both databases' paths: a
 * ledger that cannot be closed honestly (an entry for an account the account table does not hold, totals
 * that already include the date) fails the night at closeLedgerDay, naming why, and changes nothing.
 */
@PipelineTest
class CloseRefusesABrokenLedgerTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);

    /** SQL run right before the close; null: none. */
    static volatile String corruption;

    @TestConfiguration
    static class CorruptBeforeTheClose {
        /** The production close (with the posting steps' sums: an entry slipped in makes them not count the day's). */
        @Bean
        static FaultInjector corruptBeforeTheClose(@Lazy JdbcTemplate jdbc) {
            return FaultInjector.before("closeLedgerDayTasklet", "execute", () -> {
                if (corruption != null) {
                    jdbc.update(corruption);
                }
            });
        }
    }

    @Autowired
    NightlyRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @AfterEach
    void noMoreCorruption() {
        corruption = null;
    }

    @Test
    void anEntryForAnAccountMissingFromTheAccountTableFailsTheClose() throws Exception {
        writeNight();
        corruption = "INSERT INTO ledger_entry (source, source_id, account_id, entry_type, entry_date, amount, currency,"
                + " posted_date, received_date, line_number) VALUES ('spend', 'GHOST-1', 'GHOST', 'SPEND', '2026-11-26',"
                + " 1.0000, 'USD', '2026-11-26', '2026-11-26', 99)";

        JobExecution night = run();

        assertFailedAtClose(night, "3 accounts have ledger entries of 2026-11-26 but not all of them are in the"
                + " account table");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM account WHERE totals_as_of IS NOT NULL", Long.class))
                .as("no account's totals moved").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_day", Long.class)).isZero();
    }

    @Test
    void totalsThatAlreadyIncludeTheDateFailTheClose() throws Exception {
        writeNight();
        corruption = "UPDATE account SET totals_as_of = '2026-11-26' WHERE account_id = 'A2'";

        JobExecution night = run();

        assertFailedAtClose(night, "account totals already include 2026-11-26 or a later date");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM account_spend_day", Long.class)).isZero();
    }

    @Test
    void anUntouchedLedgerClosesWithEveryMovedAccountsTotals() throws Exception {
        writeNight();

        JobExecution night = run();

        assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT account_id, credits - debits FROM account WHERE totals_as_of = ?"
                + " ORDER BY account_id", Date.valueOf(D1)).stream().map(r -> r.values().toString()).toList())
                .containsExactly("[A1, -12.5000]", "[A2, 15.0000]");
    }

    private void writeNight() {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "A3,S3,USD,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,3,10.00,USD", "C2,A2,K1,2026-11-26,1,5.00,USD",
                        "C4,A1,K1,2026-11-25,1,2.50,USD")
                .payments("P1,A2,PAYMENT,20.00,USD,CARD,2026-11-26,");
    }

    private JobExecution run() throws Exception {
        return runner.run(new RunParameters(D1, in, out, null));
    }

    private static void assertFailedAtClose(JobExecution night, String message) {
        assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(night.getStepExecutions()).filteredOn(s -> s.getStatus() == BatchStatus.FAILED)
                .extracting(StepExecution::getStepName).containsExactly(NightlyStepNames.CLOSE_LEDGER_DAY);
        assertThat(night.getAllFailureExceptions()).singleElement().extracting(Throwable::getMessage).asString()
                .isEqualTo(message);
    }
}

package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * A ledger corrupted in the middle of a night (SQL run right after the findMissingBalances step,
 * before classification and outputs) or between two nights: the run fails loudly at writeOutputs,
 * its message naming the broken invariant, and writes no output file.
 */
@PipelineTest
class InvariantFailureThroughTheJobTest {

    static final LocalDate D1 = ReconInvariantsTest.D1;
    static final LocalDate D2 = ReconInvariantsTest.D2;

    /** SQL the findMissingBalances step runs after its own work; null: none. */
    static volatile String corruption;

    @TestConfiguration
    static class CorruptAfterAStep {
        /** The production tasklet, then the test's corruption (in the step's transaction). */
        @Bean
        static FaultInjector corruptAfterMissingInSnapshot(@Lazy JdbcTemplate jdbc) {
            return FaultInjector.after("missingInSnapshotTasklet", "execute", () -> {
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
    void creditsCorruptedAfterTheLedgerDayClosedFailTheRunNamingTheInvariant() throws Exception {
        ReconInvariantsTest.writeTwoNights(in);
        run(D1);
        corruption = "UPDATE account SET credits = credits + 5 WHERE account_id = 'A2'";

        JobExecution night = run(D2);

        assertFailedAtOutputs(night, ReconSummaryBuilder.INV_LEDGER_ACCOUNTS + " fails for USD: closing 6.5000 but"
                + " the accounts' credits - debits sum to 11.5000");
        assertThat(Files.exists(new Outputs(out, D2).dir())).as("no output file is written").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM recon_summary WHERE business_date = ?", Long.class,
                java.sql.Date.valueOf(D2))).as("no summary is kept").isZero();
    }

    @Test
    void aTallyCorruptedAfterIngestionFailsTheRunNamingTheRowIdentity() throws Exception {
        ReconInvariantsTest.writeTwoNights(in);
        corruption = "UPDATE ingest_tally SET duplicate = duplicate + 1 WHERE source = 'payments'";

        JobExecution night = run(D1);

        assertFailedAtOutputs(night, ReconSummaryBuilder.INV_DISPOSITIONS + " fails for payments: 2 rows read but"
                + " 3 dispositions");
        assertThat(Files.exists(new Outputs(out, D1).dir())).isFalse();
    }

    @Test
    void aLedgerCorruptedBetweenNightsIsCaughtByTheNextNightsOpening() throws Exception {
        ReconInvariantsTest.writeTwoNights(in);
        run(D1);
        jdbc.update("UPDATE account SET debits = debits + 100 WHERE account_id = 'J1'");

        JobExecution night = run(D2);

        // the next night's own figures agree with each other; only its opening betrays the change
        assertFailedAtOutputs(night, ReconSummaryBuilder.INV_CONTINUITY + " fails for JPY: opening -500.0000 but"
                + " the previous night closed at -400.0000");
        assertThat(night.getAllFailureExceptions().get(0).getMessage())
                .doesNotContain(ReconSummaryBuilder.INV_LEDGER_ACCOUNTS, ReconSummaryBuilder.INV_MOVEMENT);
    }

    private JobExecution run(LocalDate date) throws Exception {
        return runner.run(new RunParameters(date, in, out, null));
    }

    private static void assertFailedAtOutputs(JobExecution night, String message) {
        assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(night.getStepExecutions()).filteredOn(s -> s.getStatus() == BatchStatus.FAILED)
                .extracting(StepExecution::getStepName).containsExactly(NightlyStepNames.WRITE_OUTPUTS);
        assertThat(night.getAllFailureExceptions()).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("reconciliation invariants broken for " + night.getJobParameters()
                        .getLocalDate(RunParameters.BUSINESS_DATE) + ": ")
                .contains(message);
    }
}

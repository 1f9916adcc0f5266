package com.p4p.arrears.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.LiftJobConfiguration;
import com.p4p.arrears.ops.LiftParameters;
import com.p4p.arrears.ops.LiftRunner;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.CleanDatabaseExtension;
import com.p4p.arrears.support.FaultInjector;
import com.p4p.arrears.support.PipelineTest;

/**
 * A lift that fails in the middle of its file (the posting writer throws after its second chunk's
 * writes, so that chunk rolls back) and is lifted again: it resumes after the last committed chunk and
 * ends, lift outputs and the next night's outputs alike, exactly as a lift that never failed.
 */
@PipelineTest
class LiftRestartTest {

    static final LocalDate D1 = IntradayLiftScenarioTest.D1;
    static final LocalDate D2 = IntradayLiftScenarioTest.D2;
    static final String[] LIFT_FILES = {"enforcement_actions.csv", "rejects.csv", "recon_breaks.csv", "recon_summary.csv"};
    static final String[] NIGHT_FILES = {"account_status.csv", "enforcement_actions.csv", "credit_impact.csv",
            "recon_breaks.csv", "recon_summary.csv", "rejects.csv", "report.html"};

    static final AtomicInteger failOnChunk = new AtomicInteger();
    static final AtomicInteger chunks = new AtomicInteger();

    @TestConfiguration
    static class FaultInjection {
        /** The production lift writer, made to fail once after its n-th chunk's writes. */
        @Bean
        static FaultInjector failingLiftWriter() {
            return FaultInjector.after("liftWriter", "write", () -> {
                if (chunks.incrementAndGet() == failOnChunk.get()) {
                    failOnChunk.set(0);
                    throw new IllegalStateException("injected fault after writing chunk " + chunks.get());
                }
            });
        }
    }

    @Autowired
    NightlyRunner nights;
    @Autowired
    LiftRunner lifts;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void aLiftFailedMidFileAndLiftedAgainEndsLikeOneThatNeverFailed() throws Exception {
        IntradayLiftScenarioTest.writeNights(in);
        Path file = IntradayLiftScenarioTest.writeLift(in);
        Path undisturbed = out.resolve("undisturbed");
        failOnChunk.set(0);
        night(D1, undisturbed);
        assertThat(lifts.lift(LiftParameters.of(file, undisturbed, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        night(D2, undisturbed);

        CleanDatabaseExtension.wipe(dataSource);
        Path disturbed = out.resolve("disturbed");
        night(D1, disturbed);
        chunks.set(0);
        failOnChunk.set(2); // 7 rows in chunks of 3: the first commits, the second rolls back
        JobExecution failed = lifts.lift(LiftParameters.of(file, disturbed, null));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE posted_date = ?", Long.class,
                java.sql.Date.valueOf(D2))).as("the first chunk's 3 payments stay posted").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT enforced_stage FROM account_state WHERE account_id = 'A1'", String.class))
                .as("nothing lifted before the whole file is posted").isEqualTo("CLOSED");
        assertThat(disturbed.resolve("20261102/intraday/101500")).doesNotExist();
        assertThat(lifts.lifts(D2)).extracting(LiftRunner.Lift::status).containsExactly(BatchStatus.FAILED);

        JobExecution resumed = lifts.lift(LiftParameters.of(file, disturbed, null));
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(resumed, LiftJobConfiguration.POST_LIFT_PAYMENTS).getReadCount()).as("resumed after the committed chunk").isEqualTo(4);
        assertThat(resumed.getStepExecutions()).extracting(StepExecution::getStepName).doesNotContain(LiftJobConfiguration.VERIFY_LIFT_FILE);
        night(D2, disturbed);

        for (String f : LIFT_FILES) {
            assertThat(Files.readString(disturbed.resolve("20261102/intraday/101500").resolve(f))).as(f)
                    .isEqualTo(Files.readString(undisturbed.resolve("20261102/intraday/101500").resolve(f)));
        }
        for (LocalDate d : List.of(D1, D2)) {
            String day = d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            for (String f : NIGHT_FILES) {
                assertThat(Files.readString(disturbed.resolve(day).resolve(f))).as(day + "/" + f)
                        .isEqualTo(Files.readString(undisturbed.resolve(day).resolve(f)));
            }
        }
    }

    private void night(LocalDate date, Path output) throws Exception {
        assertThat(nights.run(new RunParameters(date, in, output, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }
}

package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.support.CleanDatabaseExtension;
import com.p4p.arrears.support.FaultInjector;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineTest;

/**
 * The restart pattern of the Spring Batch samples: run, fail in the middle of a step, restart,
 * and the end state equals a run that never failed (SPEC 9).
 */
@PipelineTest
class RestartAfterFailureTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);
    static final String[] FILES = {"account_status.csv", "enforcement_actions.csv", "credit_impact.csv",
            "recon_breaks.csv", "recon_summary.csv", "rejects.csv", "runway.csv", "report.html"};

    /** When positive, the spend writer fails on its n-th chunk (once). */
    static final AtomicInteger failOnChunk = new AtomicInteger();
    static final AtomicInteger chunks = new AtomicInteger();

    @TestConfiguration
    static class FaultInjection {
        /** The production spend writer, made to fail once, after earlier chunks have committed. */
        @Bean
        static FaultInjector failingSpendWriter() {
            return FaultInjector.after("spendWriter", "write", () -> {
                if (chunks.incrementAndGet() == failOnChunk.get()) {
                    failOnChunk.set(0);
                    throw new IllegalStateException("injected fault after writing chunk " + chunks.get());
                }
            });
        }
    }

    @Autowired
    NightlyRunner runner;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void aRunThatFailsMidStepAndIsRestartedEndsExactlyLikeAnUndisturbedRun() throws Exception {
        writeTwoNights();
        Path undisturbed = out.resolve("undisturbed");
        runNights(undisturbed);

        CleanDatabaseExtension.wipe(dataSource);
        Path disturbed = out.resolve("disturbed");
        chunks.set(0);
        failOnChunk.set(3); // spend has 20 rows in chunks of 3: two chunks commit, the third rolls back
        JobExecution failed = runner.run(new RunParameters(D1, in, disturbed, null));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM ledger_entry WHERE source = 'spend')"
                + " + (SELECT COUNT(*) FROM suspense_item)", Long.class))
                .as("the two committed chunks' rows stay posted or suspended").isEqualTo(6);

        JobExecution restarted = runner.restart(D1);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the repeated C5 is decided after the partition, in line order (SPEC 12)
        assertThat(step(restarted, NightlyStepNames.INGEST_SPEND).getReadCount()
                + step(restarted, PartitionPlan.INGEST_SPEND.deferred()).getReadCount())
                .as("the restart resumes after the last committed chunk").isEqualTo(14);
        assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
                .as("completed steps are not redone").doesNotContain(NightlyStepNames.VERIFY_DELIVERY, NightlyStepNames.INGEST_ACCOUNTS);
        assertThat(runner.run(new RunParameters(D2, in, disturbed, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        for (LocalDate d : List.of(D1, D2)) {
            String day = d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            for (String file : FILES) {
                assertThat(Files.readString(disturbed.resolve(day).resolve(file)))
                        .as(day + "/" + file).isEqualTo(Files.readString(undisturbed.resolve(day).resolve(file)));
            }
        }
    }

    /**
     * The same on the second night, whose spend re-delivers rows of the first: on MySQL the failing chunk
     * is one whose load the ledger's unique key cut short (duplicates and conflicts learnt from the
     * skipped rows), so its rollback and the restart cover that path too.
     */
    @Test
    void aSecondNightWithReDeliveredRowsThatFailsMidStepEndsLikeAnUndisturbedOne() throws Exception {
        writeTwoNights();
        List<String> spend = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            // every other row re-delivers a first-night charge, some with another amount
            String id = i % 2 == 0 ? "C" + i : "N" + i;
            String amount = i % 4 == 0 ? (i * 7) + ".50" : (i * 7) + ".25";
            String account = i % 3 == 0 ? "GHOST" : "A" + (i % 4);
            String date = i % 5 == 0 ? "2026-10-01" : "2026-11-26";
            spend.add(id + "," + account + ",K1," + date + "," + i + "," + amount + ",USD");
        }
        new NightFiles(in, D2).accounts("GHOST,S9,USD,2026-11-27,N").spend(spend.toArray(String[]::new))
                .payments("P3,A3,PAYMENT,1000.00,USD,BANK_TRANSFER,2026-11-27,");
        Path undisturbed = out.resolve("undisturbed");
        runNights(undisturbed);

        CleanDatabaseExtension.wipe(dataSource);
        Path disturbed = out.resolve("disturbed");
        assertThat(runner.run(new RunParameters(D1, in, disturbed, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        chunks.set(0);
        failOnChunk.set(4);
        JobExecution failed = runner.run(new RunParameters(D2, in, disturbed, null));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        JobExecution restarted = runner.restart(D2);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, NightlyStepNames.INGEST_SPEND).getReadCount()).isEqualTo(11);

        for (LocalDate d : List.of(D1, D2)) {
            String day = d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            for (String file : FILES) {
                assertThat(Files.readString(disturbed.resolve(day).resolve(file)))
                        .as(day + "/" + file).isEqualTo(Files.readString(undisturbed.resolve(day).resolve(file)));
            }
        }
    }

    private void runNights(Path output) throws Exception {
        assertThat(runner.run(new RunParameters(D1, in, output, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runner.run(new RunParameters(D2, in, output, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private void writeTwoNights() {
        List<String> spend = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String account = i % 3 == 0 ? "GHOST" : "A" + (i % 4);
            String date = i % 5 == 0 ? "2026-10-01" : "2026-11-26";
            spend.add("C" + i + "," + account + ",K1," + date + "," + i + "," + (i * 7) + ".25,USD");
        }
        spend.set(10, "C5,A1,K1,2026-11-26,5,35.25,USD"); // a conflict with C5 from an earlier chunk
        spend.set(11, "bad id!,A1,K1,2026-11-26,1,1.00,USD");
        new NightFiles(in, D1).accounts("A0,S0,USD,2025-01-01,N", "A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,Y",
                        "A3,S3,USD,2025-01-01,N")
                .spend(spend.toArray(String[]::new))
                .payments("P1,A1,PAYMENT,500.00,USD,CARD,2026-11-26,", "P2,A2,PAYMENT,10.00,USD,CARD,2026-11-26,");
        new NightFiles(in, D2).accounts("GHOST,S9,USD,2026-11-27,N")
                .spend("C100,A3,K1,2026-11-27,1,3.00,USD")
                .payments("P3,A3,PAYMENT,1000.00,USD,BANK_TRANSFER,2026-11-27,", "P4,A1,CHARGEBACK,500.00,USD,CARD,2026-11-27,P1");
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }
}

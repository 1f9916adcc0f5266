package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.bench.NightGenerator;
import com.p4p.arrears.partition.PartitionKeys;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.support.CommandLineInProcess;
import com.p4p.arrears.support.FaultInjector;
import com.p4p.arrears.support.PipelineOnItsOwnDatabase;

/**
 * SPEC 12: a night split into partitions writes exactly the bytes of the same night in one partition.
 * The same generated nights (every disposition, suspense released by a late account, late charges old
 * enough for every stage, a runway block) run with 1, 2, 3 and 7 partitions, each into a database of
 * its own (MariaDB in CI, H2 here); every output file of every night is compared byte for byte. A
 * partition that fails fails the night; the restart runs only that partition, on the ranges the night
 * was split into, and ends exactly like the undisturbed night.
 */
class PartitionedNightsTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final int NIGHTS = 4;

    /** The generated nights, the policy and the nights' outputs in one partition, shared by the tests. */
    @TempDir
    static Path shared;
    static Path in;
    static Path policy;
    static Path undisturbed;

    @TempDir
    Path work;

    @BeforeAll
    static void nightsInOnePartition() throws Exception {
        in = shared.resolve("in");
        // 61 accounts: ranges of 30/31, 20/21 and 8/9 accounts, in chunks of 3 (the test profile's)
        NightGenerator.main(new String[] {"--out", in.toString(), "--accounts", "61", "--spend", "400",
                "--payments", "90", "--nights", Integer.toString(NIGHTS), "--date", D1.toString(), "--seed", "12"});
        policy = shared.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(Path.of("jobs/policy.yaml"))
                + "runway: { window_days: 3, horizon_days: 30 }\n");
        undisturbed = runNights(shared, 1);
        assertThat(Files.readAllLines(file(undisturbed, D1.plusDays(NIGHTS - 1), "enforcement_actions.csv")))
                .as("the nights reach enforcement").hasSizeGreaterThan(1);
        assertThat(Files.readAllLines(file(undisturbed, D1.plusDays(NIGHTS - 1), "runway.csv")))
                .as("the nights forecast runway").hasSizeGreaterThan(1);
    }

    @Test
    void twoThreeAndSevenPartitionsWriteTheBytesOfOne() throws Exception {
        for (int n : new int[] {2, 3, 7}) {
            assertSameFiles(undisturbed, runNights(work, n), "partitions=" + n);
        }
    }

    @Test
    void aNightStoppedWhilePartitionsRunEndsStoppedAndItsRestartEndsLikeAnUndisturbedNight() throws Exception {
        Path out = work.resolve("stopped");
        LocalDate d2 = D1.plusDays(1);
        try (PipelineOnItsOwnDatabase p = PipelineOnItsOwnDatabase.start(work, "stop", StopInAPartition.class)) {
            assertThat(run(p, D1, out, 3).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            StopInAPartition.armed.set(true);

            JobExecution stopped = run(p, d2, out, 3);

            assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
            assertThat(statuses(stopped)).containsEntry(NightlyStepNames.CLASSIFY_ACCOUNTS, BatchStatus.STOPPED)
                    .containsEntry("classifyAccountsPartition:partition0", BatchStatus.STOPPED);
            assertThat(Files.exists(out.resolve(day(d2)))).isFalse();

            assertThat(p.runner().restart(d2).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            for (LocalDate d = d2.plusDays(1); d.isBefore(D1.plusDays(NIGHTS)); d = d.plusDays(1)) {
                assertThat(run(p, d, out, 3).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            }
        }
        assertSameFiles(undisturbed, out, "stopped and restarted");
    }

    @Test
    void aFailedPartitionFailsTheNightAndTheRestartRunsOnlyItOnTheStoredRanges() throws Exception {
        Path out = work.resolve("restarted");
        LocalDate d2 = D1.plusDays(1);
        try (PipelineOnItsOwnDatabase p = PipelineOnItsOwnDatabase.start(work, "restart", FailOnePartition.class)) {
            assertThat(run(p, D1, out, 3).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            FailOnePartition.arm("classifyAccountsPartition:partition1", d2, 2);

            JobExecution failed = run(p, d2, out, 3);

            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(statuses(failed)).containsEntry(NightlyStepNames.CLASSIFY_ACCOUNTS, BatchStatus.FAILED)
                    .containsEntry("classifyAccountsPartition:partition0", BatchStatus.COMPLETED)
                    .containsEntry("classifyAccountsPartition:partition1", BatchStatus.FAILED)
                    .containsEntry("classifyAccountsPartition:partition2", BatchStatus.COMPLETED);
            assertThat(failed.getExitStatus().getExitDescription()).as("the night's failure names the partition and why")
                    .contains("classifyAccounts: partition1 FAILED: injected fault in partition1 after its chunk 2");
            assertThat(Files.exists(out.resolve(day(d2)))).as("no file of the failed night").isFalse();
            CommandLineInProcess.Result status = p.command("status", "--date", d2.toString());
            assertThat(status.out()).containsPattern("partition0 +COMPLETED +read \\d+, written \\d+, worker local/")
                    .containsPattern("partition1 +FAILED .*injected fault in partition1");

            // run asks for 7 partitions; the failed night keeps its 3 and its ranges, and reruns partition 1 only
            JobExecution restarted = run(p, d2, out, 7);

            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
                    .filteredOn(PartitionPlan::isPartition)
                    .containsExactlyInAnyOrder("classifyAccountsPartition:partition1", "writeAccountFilesPartition:partition0",
                            "writeAccountFilesPartition:partition1", "writeAccountFilesPartition:partition2");
            for (LocalDate d = d2.plusDays(1); d.isBefore(D1.plusDays(NIGHTS)); d = d.plusDays(1)) {
                assertThat(run(p, d, out, 3).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            }
            assertThat(p.jdbc().queryForObject("SELECT COUNT(*) FROM enforcement_action", Long.class))
                    .as("no action twice").isEqualTo(count(undisturbed, "enforcement_actions.csv"));
            assertThat(p.jdbc().queryForObject("SELECT COUNT(*) FROM credit_impact", Long.class))
                    .as("no credit record twice").isEqualTo(count(undisturbed, "credit_impact.csv"));
            status = p.command("status", "--date", d2.toString());
            assertThat(status.out()).containsPattern("partition1 +COMPLETED +read [1-9]\\d*, written \\d+, worker local/partition-");
        }
        assertSameFiles(undisturbed, out, "restarted");
    }

    /** Runs every night with {@code n} partitions into a database of its own; returns the output folder. */
    static Path runNights(Path work, int n) throws Exception {
        Path out = work.resolve("out-" + n);
        try (PipelineOnItsOwnDatabase p = PipelineOnItsOwnDatabase.start(work, "partitions" + n)) {
            for (int i = 0; i < NIGHTS; i++) {
                JobExecution night = run(p, D1.plusDays(i), out, n);
                assertThat(night.getStatus()).as("night %d with %d partitions: %s", i, n, night.getAllFailureExceptions())
                        .isEqualTo(BatchStatus.COMPLETED);
                assertSplit(night, n);
            }
        }
        return out;
    }

    static JobExecution run(PipelineOnItsOwnDatabase p, LocalDate date, Path out, int partitions) throws Exception {
        return p.runner().run(new RunParameters(date, in, out, policy.toString(), partitions));
    }

    /** Every partitioned step ran as n partitions, on n threads when n > 1, and no part file is left. */
    static void assertSplit(JobExecution night, int n) {
        for (PartitionPlan plan : PartitionPlan.values()) {
            List<StepExecution> partitions = night.getStepExecutions().stream()
                    .filter(s -> s.getStepName().startsWith(plan.worker() + ":")).toList();
            assertThat(partitions).as(plan.manager()).hasSize(n);
            assertThat(partitions.stream().map(s -> s.getExecutionContext().getString(PartitionKeys.WORKER)).distinct())
                    .as("each on a thread of its own").hasSize(n);
            assertThat(partitions.stream().mapToLong(StepExecution::getReadCount).filter(r -> r > 0).count() > 1 || n == 1
                    || plan == PartitionPlan.WRITE_ACCOUNT_FILES).as("the accounts are spread").isTrue();
        }
        Path out = Path.of(night.getJobParameters().getString(RunParameters.OUTPUT));
        assertThat(Files.exists(out.resolve(".parts"))).as("parts are removed").isFalse();
    }

    static void assertSameFiles(Path expected, Path actual, String what) throws IOException {
        for (int i = 0; i < NIGHTS; i++) {
            LocalDate d = D1.plusDays(i);
            List<String> names = names(expected.resolve(day(d)));
            assertThat(names).as("the night's files").contains("account_status.csv", "enforcement_actions.csv",
                    "credit_impact.csv", "runway.csv", "recon_breaks.csv", "recon_summary.csv", "rejects.csv", "report.html");
            assertThat(names(actual.resolve(day(d)))).as(what + " " + d).isEqualTo(names);
            for (String name : names) {
                assertThat(Files.mismatch(file(expected, d, name), file(actual, d, name)))
                        .as("%s: %s/%s differs from one partition's at byte", what, d, name).isEqualTo(-1L);
            }
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static Path file(Path out, LocalDate d, String name) {
        return out.resolve(day(d)).resolve(name);
    }

    static String day(LocalDate d) {
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** Data rows of a file over every night. */
    static long count(Path out, String name) throws IOException {
        long rows = 0;
        for (int i = 0; i < NIGHTS; i++) {
            rows += Files.readAllLines(file(out, D1.plusDays(i), name)).size() - 1;
        }
        return rows;
    }

    static Map<String, BatchStatus> statuses(JobExecution e) {
        Map<String, BatchStatus> out = new LinkedHashMap<>();
        e.getStepExecutions().forEach(s -> out.put(s.getStepName(), s.getStatus()));
        return out;
    }

    /** A stop asked (as {@code stop --date D} asks it) from partition 0 of classifyAccounts, after its first chunk. */
    @TestConfiguration
    static class StopInAPartition {
        static final AtomicBoolean armed = new AtomicBoolean();

        @Bean
        static FaultInjector stopFromAPartition(@Lazy JobOperator jobOperator) {
            return FaultInjector.after("classificationWriter", "write", () -> {
                StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
                if (step.getStepName().endsWith(":partition0") && armed.getAndSet(false)) {
                    jobOperator.stop(step.getJobExecution());
                }
            });
        }
    }

    /** The production classification writer, made to fail once in one partition after its n-th chunk's rows are written. */
    @TestConfiguration
    static class FailOnePartition {
        static volatile String partition;
        static volatile LocalDate date;
        static volatile int afterChunk;
        static final AtomicInteger chunks = new AtomicInteger();
        static final AtomicBoolean armed = new AtomicBoolean();

        static void arm(String partitionName, LocalDate on, int chunk) {
            partition = partitionName;
            date = on;
            afterChunk = chunk;
            chunks.set(0);
            armed.set(true);
        }

        @Bean
        static FaultInjector failingPartition() {
            return FaultInjector.after("classificationWriter", "write", () -> {
                String step = StepSynchronizationManager.getContext().getStepExecution().getStepName();
                if (armed.get() && step.equals(partition) && FaultInjector.businessDate().equals(date)
                        && chunks.incrementAndGet() == afterChunk && armed.getAndSet(false)) {
                    throw new IllegalStateException("injected fault in " + step.substring(step.indexOf(':') + 1)
                            + " after its chunk " + afterChunk);
                }
            });
        }
    }
}

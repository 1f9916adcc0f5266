package com.p4p.arrears.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.support.CommandLineInProcess;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineTest;

/**
 * {@code --partitions N} on the real command line (SPEC 12): checked before anything is read, stored with
 * the night without being part of its identity, and shown partition by partition by {@code status}.
 */
@PipelineTest
class PartitionsOptionTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);

    @Autowired
    Environment env;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    CommandLineInProcess cli() {
        return new CommandLineInProcess(env);
    }

    void nights() {
        for (LocalDate d : List.of(D1, D2)) {
            new NightFiles(in, d).accounts("A1,S1,USD,2025-01-01,N", "B1,S2,USD,2025-01-01,N", "C1,S3,USD,2025-01-01,N",
                    "D1,S4,USD,2025-01-01,N").spend("C" + d.getDayOfMonth() + ",A1,K1," + d + ",1,10.00,USD").payments();
        }
    }

    @Test
    void aPartitionCountBelowOneOrNotANumberIsAUsageErrorAndNothingRuns() {
        nights();
        for (String bad : List.of("0", "-2", "two", "1.5")) {
            CommandLineInProcess.Result r = cli().run("run", "--date", D1.toString(), "--input", in.toString(),
                    "--output", out.toString(), "--partitions", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--partitions must be a whole number of at least 1, got " + bad);
        }
        CommandLineInProcess.Result r = cli().run("catch-up", "--from", D1.toString(), "--to", D2.toString(),
                "--input", in.toString(), "--output", out.toString(), "--partitions", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM input_file", Long.class)).isZero();
    }

    @Test
    void theSettingIsCheckedLikeTheOption() {
        nights();
        System.setProperty("pipeline.partitions", "0");
        try {
            CommandLineInProcess.Result r = cli().run("run", "--date", D1.toString(), "--input", in.toString(),
                    "--output", out.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("pipeline.partitions must be a whole number of at least 1, got 0");
        } finally {
            System.clearProperty("pipeline.partitions");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isZero();
    }

    @Test
    void thePartitionsAreStoredWithTheNightNotAsItsIdentityAndStatusListsEachWithItsWorker() {
        nights();
        System.setProperty("pipeline.partitions", "2");
        try {
            assertThat(cli().run("run", "--date", D1.toString(), "--input", in.toString(), "--output", out.toString(),
                    "--partitions", "3").exitCode()).isZero();
            // catch-up without the option: the setting's 2
            assertThat(cli().run("catch-up", "--to", D2.toString(), "--input", in.toString(), "--output",
                    out.toString()).exitCode()).isZero();
        } finally {
            System.clearProperty("pipeline.partitions");
        }

        List<Map<String, Object>> params = jdbc.queryForList("SELECT p.PARAMETER_VALUE, p.IDENTIFYING"
                + " FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.PARAMETER_NAME = 'partitions' ORDER BY p.JOB_EXECUTION_ID");
        assertThat(params).extracting(m -> m.get("PARAMETER_VALUE") + " " + m.get("IDENTIFYING"))
                .containsExactly("3 N", "2 N");

        String status = cli().run("status", "--date", D1.toString()).out();
        assertThat(status).containsPattern("classifyAccounts +COMPLETED +read 4, written 4")
                .containsPattern("writeAccountFiles +COMPLETED +read 0, written 4");
        for (int i = 0; i < 3; i++) {
            assertThat(status).containsPattern("(?m)^ +partition" + i + " +COMPLETED +read \\d+, written \\d+, worker local/partition-\\d+, accounts ");
        }
        assertThat(status).doesNotContain("partition3", "classifyAccountsPartition");
        assertThat(status).contains("accounts first .. before B1").contains("accounts C1 .. last");
        assertThat(cli().run("status", "--date", D2.toString()).out()).contains("partition1").doesNotContain("partition2");
    }
}

package com.p4p.arrears.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineProcess;
import com.p4p.arrears.support.TestDatabase;

/**
 * The lift command as the intraday feed runs it (SPEC 13): exit codes and refusals (a lift or a night
 * while another process holds the run lock among them), and a lift killed mid-file (SIGKILL) that the same command recovers and finishes
 * with the outputs of an undisturbed lift. On MySQL when SPRING_DATASOURCE_URL is set, else on H2 files.
 */
class LiftProcessIT {

    static final String D1 = "2026-11-26";
    static final String D2 = "2026-11-27";
    static final String[] FILES = {"enforcement_actions.csv", "rejects.csv", "recon_breaks.csv", "recon_summary.csv"};
    static final int ACCOUNTS = 200;
    static final int BIG_LIFT_ROWS = 30_000;

    @TempDir
    Path tmp;

    private Path deliver() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<String> accounts = new ArrayList<>();
        List<String> spend = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add("A" + i + ",S" + i + ",USD,2025-01-01,N");
            spend.add("K" + i + ",A" + i + ",X,2026-10-01,1,600.00,USD"); // 56 days, 600 owed: CLOSED
        }
        new NightFiles(in, LocalDate.parse(D1)).accounts(accounts.toArray(String[]::new))
                .spend(spend.toArray(String[]::new)).payments();
        new NightFiles(in, LocalDate.parse(D2)).accounts().spend().payments();
        return in;
    }

    /** payments_yyyyMMdd_HHmmss.csv with {@code rows} payments of 20.00 spread over the accounts. */
    private Path liftFile(String date, String time, int rows) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("lift-" + date + time));
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            payments.add("L" + i + ",A" + (i % ACCOUNTS) + ",PAYMENT,20.00,USD,CARD," + date + ",");
        }
        Path plain = new NightFiles(dir, LocalDate.parse(date)).payments(payments.toArray(String[]::new)).file("payments");
        return Files.move(plain, dir.resolve("payments_" + date.replace("-", "") + "_" + time + ".csv"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void exitCodesAndRefusals() throws Exception {
        Path in = deliver();
        try (TestDatabase db = TestDatabase.fresh(tmp, "liftcodes")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            String out = tmp.resolve("out").toString();
            Path small = liftFile(D2, "093000", 10);
            assertThat(jar.run("lift", "--input", small.toString(), "--output", out).exitCode())
                    .as("no night completed yet").isEqualTo(3);
            assertThat(jar.run("run", "--date", D1, "--input", in.toString(), "--output", out).exitCode()).isZero();

            PipelineProcess.Result badName = jar.run("lift", "--input", in.resolve("payments_20261127.csv").toString(),
                    "--output", out);
            assertThat(badName.exitCode()).isEqualTo(2);
            assertThat(badName.output()).contains("payments_yyyyMMdd_HHmmss.csv");
            PipelineProcess.Result wrongDate = jar.run("lift", "--input", liftFile("2026-11-28", "093000", 3).toString(),
                    "--output", out);
            assertThat(wrongDate.exitCode()).isEqualTo(3);
            assertThat(wrongDate.output()).contains("open business date is 2026-11-27");

            PipelineProcess.Result lifted = jar.run("lift", "--input", small.toString(), "--output", out);
            assertThat(lifted.exitCode()).as(lifted.output()).isZero();
            assertThat(jar.run("lift", "--input", small.toString(), "--output", out).exitCode())
                    .as("already lifted").isEqualTo(3);
            assertThat(jar.run("status").output()).contains("lifts of the open date 2026-11-27: 1")
                    .contains("093000  COMPLETED");

            // another process holding the run lock, as a running lift or night does (on H2: the database file)
            SingleConnectionDataSource held = (SingleConnectionDataSource) db.jdbc().getDataSource();
            try (Connection holder = held.getConnection()) {
                if (TestDatabase.mysqlConfigured()) {
                    try (Statement s = holder.createStatement();
                         ResultSet rs = s.executeQuery("SELECT GET_LOCK(CONCAT('p4p_arrears_run:', DATABASE()), 0)")) {
                        assertThat(rs.next() && rs.getInt(1) == 1).isTrue();
                    }
                }
                PipelineProcess.Result night = jar.run("run", "--date", D2, "--input", in.toString(), "--output", out);
                assertThat(night.exitCode()).as("no night while a lift runs").isEqualTo(3);
                PipelineProcess.Result second = jar.run("lift", "--input", liftFile(D2, "120000", 5).toString(),
                        "--output", out);
                assertThat(second.exitCode()).as("no lift while a night or a lift runs").isEqualTo(3);
                if (TestDatabase.mysqlConfigured()) {
                    assertThat(night.output()).contains("a night or a lift is running");
                    assertThat(second.output()).contains("a night or another lift is running");
                }
            } finally {
                held.destroy(); // the connection goes, and the lock with it
            }
            Path big = liftFile(D2, "120000", BIG_LIFT_ROWS);
            assertThat(jar.run("lift", "--input", big.toString(), "--output", out).exitCode()).isZero();
            assertThat(jar.run("run", "--date", D2, "--input", in.toString(), "--output", out).exitCode()).isZero();
            assertThat(Files.readString(Path.of(out, "20261127", "recon_summary.csv")))
                    .contains("intraday_files,payments,2")
                    .as("the big file's first 10 ids are the small file's: DUPLICATE, not posted again")
                    .contains("intraday_posted,payments," + BIG_LIFT_ROWS);
        }
    }

    @Test
    void aLiftKilledMidFileIsRecoveredAndFinishedByLiftingTheSameFileAgain() throws Exception {
        Path in = deliver();
        Path big = liftFile(D2, "120000", BIG_LIFT_ROWS);
        Path undisturbed = tmp.resolve("undisturbed");
        try (TestDatabase db = TestDatabase.fresh(tmp, "liftcalm")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            assertThat(jar.run("run", "--date", D1, "--input", in.toString(), "--output", undisturbed.toString()).exitCode())
                    .isZero();
            assertThat(jar.run("lift", "--input", big.toString(), "--output", undisturbed.toString()).exitCode()).isZero();
        }
        try (TestDatabase db = TestDatabase.fresh(tmp, "liftkilled")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            Path out = tmp.resolve("killed");
            assertThat(jar.run("run", "--date", D1, "--input", in.toString(), "--output", out.toString()).exitCode()).isZero();
            Path log = tmp.resolve("killed.log");
            Process p = jar.start(log, "lift", "--input", big.toString(), "--output", out.toString());
            PipelineProcess.awaitLog(log, "postLiftPayments: 1000 of", p, Duration.ofMinutes(3));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(jar.run("status").output()).contains("120000  STARTED");
            PipelineProcess.Result again = jar.run("lift", "--input", big.toString(), "--output", out.toString());
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("recovering");
            for (String f : FILES) {
                assertThat(Files.readString(out.resolve("20261127/intraday/120000").resolve(f))).as(f)
                        .isEqualTo(Files.readString(undisturbed.resolve("20261127/intraday/120000").resolve(f)));
            }
        }
    }
}

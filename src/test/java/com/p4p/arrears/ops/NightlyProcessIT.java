package com.p4p.arrears.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.p4p.arrears.support.CuttableProxy;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineProcess;
import com.p4p.arrears.support.TestDatabase;
import com.p4p.arrears.NightlyStepNames;

/**
 * The packaged jar as the scheduler and an operator use it: exit codes, refusals, catch-up, and
 * faults (SIGKILL, SIGTERM, the database going away) that a restart must finish with exactly the
 * outputs of an undisturbed night. On MySQL when SPRING_DATASOURCE_URL is set, else on H2 files.
 */
class NightlyProcessIT {

    static final String D1 = "2026-11-26";
    static final String D2 = "2026-11-27";
    static final String D3 = "2026-11-28";
    static final String[] FILES = {"account_status.csv", "enforcement_actions.csv", "credit_impact.csv",
            "recon_breaks.csv", "recon_summary.csv", "rejects.csv", "runway.csv"};
    static final int BIG_SPEND_ROWS = 60_000;

    @TempDir
    Path tmp;
    Path in;

    @BeforeEach
    void deliver() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        new NightFiles(in, LocalDate.parse(D1)).accounts(accounts()).spend(spend(BIG_SPEND_ROWS, "2026-11-26"))
                .payments("P1,A1,PAYMENT,500.00,USD,CARD,2026-11-26,", "P2,A2,CHARGEBACK,5.00,USD,CARD,2026-11-26,X");
        new NightFiles(in, LocalDate.parse(D2)).accounts("GHOST,S9,USD,2026-11-27,N")
                .spend("N1,A3,K1,2026-11-27,1,3.00,USD")
                .payments("P3,A3,PAYMENT,100.00,USD,BANK_TRANSFER,2026-11-27,");
        new NightFiles(in, LocalDate.parse(D3)).accounts().spend().payments();
    }

    @Test
    void exitCodesAndRefusals() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "codes")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            String out = tmp.resolve("out").toString();

            assertThat(jar.run("--help").exitCode()).isZero();
            PipelineProcess.Result usage = jar.run("run", "--date", D1);
            assertThat(usage.exitCode()).isEqualTo(2);
            assertThat(usage.output()).contains("run needs --input");
            assertThat(jar.run("frobnicate").exitCode()).isEqualTo(2);
            Path policy = Files.writeString(tmp.resolve("bad.yaml"), "currencies:\n  USD: { minor_digits: 2, colour: red }\n");
            PipelineProcess.Result badPolicy = jar.run("run", "--date", D1, "--input", in.toString(), "--output", out,
                    "--policy", policy.toString());
            assertThat(badPolicy.exitCode()).isEqualTo(2);
            assertThat(badPolicy.output()).contains("currencies.USD.colour");

            Path empty = Files.createDirectories(tmp.resolve("empty"));
            PipelineProcess.Result missing = jar.run("run", "--date", D1, "--input", empty.toString(), "--output", out);
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.output()).contains("accounts_20261126.csv").contains("missing");
            assertThat(jar.run("abandon", "--date", D1).exitCode()).isZero();
            assertThat(jar.run("restart", "--date", D1).exitCode()).as("an abandoned date never restarts").isEqualTo(3);
        }
        try (TestDatabase db = TestDatabase.fresh(tmp, "codes2")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            String out = tmp.resolve("out2").toString();
            assertThat(jar.run("restart", "--date", D1).exitCode()).as("never run").isEqualTo(3);
            assertThat(jar.run("run", "--date", D1, "--input", in.toString(), "--output", out).exitCode()).isZero();
            assertThat(jar.run("run", "--date", D1, "--input", in.toString(), "--output", out).exitCode())
                    .as("already complete").isEqualTo(3);
            assertThat(jar.run("run", "--date", D3, "--input", in.toString(), "--output", out).exitCode())
                    .as("out of order").isEqualTo(3);
            PipelineProcess.Result catchUp = jar.run("catch-up", "--to", D3, "--input", in.toString(), "--output", out);
            assertThat(catchUp.exitCode()).isZero();
            assertThat(catchUp.output()).contains("night 2026-11-27 completed", "night 2026-11-28 completed");
            PipelineProcess.Result status = jar.run("status");
            assertThat(status.output()).contains("2026-11-26  COMPLETED", "2026-11-27  COMPLETED", "2026-11-28  COMPLETED");
            assertThat(jar.run("status", "--date", D2).output()).contains(NightlyStepNames.INGEST_SPEND, NightlyStepNames.WRITE_OUTPUTS);
        }
    }

    @Test
    void aNightKilledMidIngestionIsRestartedToTheUndisturbedResult() throws Exception {
        Path undisturbed = undisturbedRun();
        try (TestDatabase db = TestDatabase.fresh(tmp, "killed")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            Path out = tmp.resolve("out-killed");
            Path log = tmp.resolve("killed.log");
            Process p = jar.start(log, "run", "--date", D1, "--input", in.toString(), "--output", out.toString());
            PipelineProcess.awaitLog(log, "ingestSpendPartition:partition0: 10000 of", p, Duration.ofMinutes(3));
            p.destroyForcibly(); // SIGKILL: no chance to record anything
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            PipelineProcess.Result status = jar.run("status", "--date", D1);
            assertThat(status.output()).contains("STARTED").contains("killed");
            PipelineProcess.Result restarted = jar.run("restart", "--date", D1);
            assertThat(restarted.exitCode()).as(restarted.output()).isZero();
            assertThat(restarted.output()).contains("recovering");
            assertThat(jar.run("run", "--date", D2, "--input", in.toString(), "--output", out.toString()).exitCode()).isZero();
            assertSameOutputs(undisturbed, out);
        }
    }

    @Test
    void sigtermStopsTheNightAtAChunkBoundaryAndRestartFinishesIt() throws Exception {
        Path undisturbed = undisturbedRun();
        try (TestDatabase db = TestDatabase.fresh(tmp, "stopped")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            Path out = tmp.resolve("out-stopped");
            Path log = tmp.resolve("stopped.log");
            Process p = jar.start(log, "run", "--date", D1, "--input", in.toString(), "--output", out.toString());
            PipelineProcess.awaitLog(log, "ingestSpendPartition:partition0: 10000 of", p, Duration.ofMinutes(3));
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("STOPPED");

            assertThat(jar.run("status", "--date", D1).output()).contains("STOPPED");
            assertThat(jar.run("restart", "--date", D1).exitCode()).isZero();
            assertThat(jar.run("run", "--date", D2, "--input", in.toString(), "--output", out.toString()).exitCode()).isZero();
            assertSameOutputs(undisturbed, out);
        }
    }

    @Test
    void stopFromAnotherProcessEndsTheNightStoppedAndRestartFinishesIt() throws Exception {
        assumeTrue(TestDatabase.mysqlConfigured(), "needs MySQL: the embedded H2 file is open in one process only");
        // the night talks to its database over a slow link, so it is still running when `stop` (a new JVM) comes
        try (TestDatabase db = TestDatabase.fresh(tmp, "stopcmd"); CuttableProxy slow = new CuttableProxy("127.0.0.1", 3306, 20)) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            Path out = tmp.resolve("out-stopcmd");
            Path log = tmp.resolve("stopcmd.log");
            Process p = new PipelineProcess(db.env(db.urlVia(slow.port())), tmp)
                    .start(log, "run", "--date", D1, "--input", in.toString(), "--output", out.toString());
            PipelineProcess.awaitLog(log, "ingestSpendPartition:partition0: 10000 of", p, Duration.ofMinutes(3));
            PipelineProcess.Result stop = jar.run("stop", "--date", D1);
            assertThat(stop.exitCode()).as(stop.output()).isZero();
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(jar.run("status", "--date", D1).output()).contains("STOPPED");
            assertThat(jar.run("stop", "--date", D1).exitCode()).as("not running any more").isEqualTo(3);
            assertThat(jar.run("restart", "--date", D1).exitCode()).isZero();
            assertThat(Files.readAllLines(out.resolve("20261126").resolve("account_status.csv"))).hasSize(501);
        }
    }

    @Test
    void aNightWhoseDatabaseGoesAwayFailsAndRestartsCleanly() throws Exception {
        assumeTrue(TestDatabase.mysqlConfigured(), "needs MySQL (SPRING_DATASOURCE_URL): cuts its connections");
        Path undisturbed = undisturbedRun();
        try (TestDatabase db = TestDatabase.fresh(tmp, "dbaway"); CuttableProxy proxy = new CuttableProxy("127.0.0.1", 3306)) {
            var env = db.env(db.urlVia(proxy.port()));
            // (one word: SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT would bind "connection" and start the pool)
            env.put("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "3000");
            PipelineProcess jar = new PipelineProcess(env, tmp);
            Path out = tmp.resolve("out-dbaway");
            Path log = tmp.resolve("dbaway.log");
            Process p = jar.start(log, "run", "--date", D1, "--input", in.toString(), "--output", out.toString());
            PipelineProcess.awaitLog(log, "ingestSpendPartition:partition0: 10000 of", p, Duration.ofMinutes(3));
            proxy.cut();
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the run ends when its database is gone").isTrue();
            assertThat(p.exitValue()).isEqualTo(1);

            proxy.restore();
            PipelineProcess.Result restarted = jar.run("restart", "--date", D1);
            assertThat(restarted.exitCode()).as(restarted.output()).isZero();
            assertThat(jar.run("run", "--date", D2, "--input", in.toString(), "--output", out.toString()).exitCode()).isZero();
            assertSameOutputs(undisturbed, out);
        }
    }

    @Test
    void concurrentLaunchesOfANightRunItOnce() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "twins")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            String out = tmp.resolve("out-twins").toString();
            Path log1 = tmp.resolve("twin1.log");
            Path log2 = tmp.resolve("twin2.log");
            Process a = jar.start(log1, "run", "--date", D1, "--input", in.toString(), "--output", out);
            Process b = jar.start(log2, "run", "--date", D1, "--input", in.toString(), "--output", out);
            assertThat(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(Set.of(a.exitValue(), b.exitValue())).as(Files.readString(log1) + Files.readString(log2))
                    .containsExactlyInAnyOrder(0, 3);

            // and a launch while a night runs is refused without touching it
            Path log3 = tmp.resolve("running.log");
            Process running = jar.start(log3, "run", "--date", D2, "--input", in.toString(), "--output", out);
            PipelineProcess.awaitLog(log3, "verified", running, Duration.ofMinutes(2));
            PipelineProcess.Result second = jar.run("run", "--date", D2, "--input", in.toString(), "--output", out);
            assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(running.exitValue()).isZero();
            assertThat(second.exitCode()).as(second.output()).isIn(0, 3); // 0 only if it came after the first ended
        }
    }

    private Path undisturbedRun() throws Exception {
        Path out = tmp.resolve("out-undisturbed");
        try (TestDatabase db = TestDatabase.fresh(tmp, "undisturbed")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            for (String d : List.of(D1, D2)) {
                PipelineProcess.Result r = jar.run("run", "--date", d, "--input", in.toString(), "--output", out.toString());
                assertThat(r.exitCode()).as(r.output()).isZero();
            }
        }
        return out;
    }

    private static void assertSameOutputs(Path expected, Path actual) throws IOException {
        for (String day : List.of("20261126", "20261127")) {
            for (String file : FILES) {
                assertThat(Files.readString(actual.resolve(day).resolve(file)))
                        .as(day + "/" + file).isEqualTo(Files.readString(expected.resolve(day).resolve(file)));
            }
        }
    }

    private static String[] accounts() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add("A" + i + ",S" + i + "," + (i % 5 == 0 ? "JPY" : "USD") + ",2025-01-01," + (i % 17 == 0 ? "Y" : "N"));
        }
        return rows.toArray(String[]::new);
    }

    /** Spend of mostly valid charges, some late, some for unknown accounts, some bad, some repeated. */
    private static String[] spend(int rows, String date) {
        List<String> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int account = (i * 7919) % 520; // 500..519 are unknown: suspense
            boolean jpy = account % 5 == 0 && account < 500;
            String chargeDate = i % 11 == 0 ? "2026-10-" + (10 + i % 19) : date;
            String amount = jpy ? Integer.toString(1 + i % 900) : (i % 400) + "." + String.format("%02d", i % 100);
            if (amount.equals("0.00")) {
                amount = "0.01";
            }
            String id = i % 997 == 5 ? "C" + (i - 5) : "C" + i; // occasional re-delivery of an earlier id
            String row = id + ",A" + account + ",K" + (i % 13) + "," + chargeDate + "," + (i % 50) + "," + amount + ","
                    + (jpy ? "JPY" : "USD");
            out.add(i % 1009 == 3 ? row.replace(",K", ",K!") : row);
        }
        return out.toArray(String[]::new);
    }
}

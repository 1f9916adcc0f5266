package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.CommandLineInProcess;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;
import com.p4p.arrears.support.TableChecksums;

/**
 * what-if (SPEC 11) with the runway forecast of SPEC 10, through the real command line, on the six
 * nights of RunwayScenariosTest (window 3, horizon 3). The runway alerts those nights raise are worked out
 * by hand there: 03-01 E and G, 03-02 B, 03-03 A, C and D, 03-04 B, 03-05 and 03-06 none.
 */
@PipelineTest
class WhatIfRunwayTest {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);
    static final List<LocalDate> NIGHTS = List.of(D0, D0.plusDays(1), D0.plusDays(2), D0.plusDays(3), D0.plusDays(4),
            D0.plusDays(5));
    /** NOTIFY_RUNWAY per night of {@link #NIGHTS}, by hand (see RunwayScenariosTest). */
    static final List<Integer> RUNWAY_ALERTS = List.of(2, 1, 3, 1, 0, 0);

    @Autowired
    NightlyRunner runner;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment env;
    @TempDir
    Path in;
    @TempDir
    Path out;
    @TempDir
    Path work;

    String runwayPolicy() throws Exception {
        Path file = work.resolve("policy-runway.yaml");
        Files.writeString(file, Files.readString(Path.of("jobs/policy.yaml"))
                + "runway:\n  window_days: 3\n  horizon_days: 3\n");
        return file.toString();
    }

    void run(int n, String policy) throws Exception {
        assertThat(runner.run(new RunParameters(D0.plusDays(n), in, out, policy)).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    void nights(String policy) throws Exception {
        new NightFiles(in, D0).accounts("A,SA,USD,2025-01-01,N", "B,SB,USD,2025-01-01,N", "C,SC,USD,2025-01-01,N",
                        "E,SE,USD,2025-01-01,Y", "F,SF,USD,2025-01-01,N", "G,SG,JPY,2025-01-01,N")
                .spend("A-1,A,K,2026-03-01,1,20.00,USD", "B-1,B,K,2026-03-01,1,10.00,USD",
                        "E-1,E,K,2026-03-01,1,60.00,USD", "F-1,F,K,2026-03-01,1,50.00,USD",
                        "G-1,G,K,2026-03-01,1,7000,JPY")
                .payments("A-P,A,PAYMENT,100.00,USD,CARD,2026-03-01,", "B-P1,B,PAYMENT,1000.00,USD,CARD,2026-03-01,",
                        "C-P,C,PAYMENT,300.00,USD,CARD,2026-03-01,", "E-P,E,PAYMENT,100.00,USD,CARD,2026-03-01,",
                        "F-P,F,PAYMENT,50.00,USD,CARD,2026-03-01,", "G-P,G,PAYMENT,10000,JPY,CARD,2026-03-01,");
        run(0, policy);
        // D spends before it exists: its charge waits in suspense until night 2
        new NightFiles(in, D0.plusDays(1)).accounts()
                .spend("A-2,A,K,2026-03-02,1,30.00,USD", "B-2,B,K,2026-03-02,1,500.00,USD",
                        "F-2,F,K,2026-03-02,1,20.00,USD", "D-1,D,K,2026-03-02,1,90.00,USD")
                .payments();
        run(1, policy);
        // C billed late for 03-01 (posted tonight); D arrives and its 90.00 is released and posted tonight
        new NightFiles(in, D0.plusDays(2)).accounts("D,SD,USD,2025-01-01,N")
                .spend("A-3,A,K,2026-03-03,1,40.00,USD", "B-3,B,K,2026-03-03,1,10.00,USD",
                        "C-1,C,K,2026-03-01,1,240.00,USD")
                .payments("B-P2,B,PAYMENT,2000.00,USD,CARD,2026-03-03,", "D-P,D,PAYMENT,150.00,USD,CARD,2026-03-03,");
        run(2, policy);
        new NightFiles(in, D0.plusDays(3)).accounts().spend("B-4,B,K,2026-03-04,1,1500.00,USD").payments();
        run(3, policy);
        new NightFiles(in, D0.plusDays(4)).accounts().spend().payments();
        run(4, policy);
        new NightFiles(in, D0.plusDays(5)).accounts().spend("E-2,E,K,2026-03-06,1,10.00,USD").payments();
        run(5, policy);
    }

    CommandLineInProcess.Result whatIf(String policy, Path dir) {
        return new CommandLineInProcess(env).run("what-if", "--policy", policy, "--output", dir.toString());
    }

    List<String> lines(Path file) throws Exception {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return all.subList(1, all.size());
    }

    @Test
    void nightsRunWithARunwayReplayedWithTheSamePolicyDifferInNothing() throws Exception {
        String policy = runwayPolicy();
        nights(policy);
        Map<String, String> before = TableChecksums.of(dataSource);
        Path dir = work.resolve("same");
        CommandLineInProcess.Result r = whatIf(policy, dir);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("not replayed exactly");
        List<String> summary = lines(dir.resolve("whatif_summary.csv"));
        // per night 6 stages + 10 actions + NOTIFY_RUNWAY + 4 credit events, every one with difference 0
        assertThat(summary).hasSize(NIGHTS.size() * 21).allSatisfy(l -> assertThat(l).endsWith(",0"));
        for (int k = 0; k < NIGHTS.size(); k++) {
            LocalDate d = NIGHTS.get(k);
            // the nights' own output is the truth: as many runway alerts as enforcement_actions.csv lists
            long alerts = new Outputs(out, d).rows("enforcement_actions.csv").stream()
                    .filter(a -> a.get("action").equals("NOTIFY_RUNWAY")).count();
            assertThat(alerts).as(d.toString()).isEqualTo(RUNWAY_ALERTS.get(k).longValue());
            assertThat(summary).contains(d + ",actions,NOTIFY_RUNWAY," + alerts + "," + alerts + ",0");
        }
        assertThat(Files.readAllLines(dir.resolve("whatif_accounts.csv"))).hasSize(1);
        assertThat(TableChecksums.of(dataSource)).isEqualTo(before);
    }

    @Test
    void nightsRunWithoutARunwayReplayedWithOneCountTheAlertsItWouldHaveRaised() throws Exception {
        nights(null);
        // the nights themselves raised no runway alert and listed none
        for (LocalDate d : NIGHTS) {
            assertThat(new Outputs(out, d).rows("enforcement_actions.csv"))
                    .noneMatch(a -> a.get("action").equals("NOTIFY_RUNWAY"));
        }
        Path dir = work.resolve("added");
        CommandLineInProcess.Result r = whatIf(runwayPolicy(), dir);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("not replayed exactly");
        List<String> summary = lines(dir.resolve("whatif_summary.csv"));
        assertThat(summary).hasSize(NIGHTS.size() * 21);
        for (int k = 0; k < NIGHTS.size(); k++) {
            int alerts = RUNWAY_ALERTS.get(k);
            assertThat(summary).contains(NIGHTS.get(k) + ",actions,NOTIFY_RUNWAY,0," + alerts + "," + alerts);
        }
        // the stages, the other actions and credit are the same: a forecast changes no stage
        assertThat(summary).filteredOn(l -> !l.contains(",NOTIFY_RUNWAY,")).allSatisfy(l -> assertThat(l).endsWith(",0"));
        assertThat(Files.readAllLines(dir.resolve("whatif_accounts.csv"))).hasSize(1);
        // the report shows the alerts side by side too
        assertThat(Files.readString(dir.resolve("whatif_report.html"))).contains("<td>NOTIFY_RUNWAY</td>");
    }
}

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
import com.p4p.arrears.support.ReportPage;
import com.p4p.arrears.support.TableChecksums;

/** what-if (SPEC 11) through the real command line: the nights' own policy, a changed one, a wrong one. */
@PipelineTest
class WhatIfCommandTest {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);

    /** Renamed and added stages (REMINDED, PAUSED), other thresholds, USD credit_min_owed 1000, EUR low band 30. */
    static final String CHANGED = """
            currencies:
              USD: { minor_digits: 2, low_balance: 50.00,  credit_min_owed: 1000.00 }
              EUR: { minor_digits: 2, low_balance: 30.00,  credit_min_owed: 10.00 }
              CNY: { minor_digits: 2, low_balance: 350.00, credit_min_owed: 70.00 }
              JPY: { minor_digits: 0, low_balance: 7500,   credit_min_owed: 1500 }
            stages:
              - { name: REMINDED, min_days_past_due: 0, enter: [NOTIFY_ARREARS] }
              - { name: PAUSED,   min_days_past_due: 2, enter: [PAUSE_ADS],  leave: [RESUME_ADS] }
              - { name: FROZEN,   min_days_past_due: 4, enter: [FREEZE_ADS], leave: [UNFREEZE_ADS] }
              - { name: CLOSED,   min_days_past_due: 20, min_owed: { USD: 100.00, EUR: 100.00, CNY: 700.00, JPY: 15000 },
                  enter: [CLOSE_STORE], leave: [REOPEN_STORE], sticky: true }
            """;

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

    void run(LocalDate date, Path input) throws Exception {
        assertThat(runner.run(new RunParameters(date, input, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    CommandLineInProcess.Result whatIf(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "what-if";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CommandLineInProcess(env).run(all);
    }

    Path policy(String name, String yaml) throws Exception {
        Path p = work.resolve(name);
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    List<String> lines(Path file) throws Exception {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return all.subList(1, all.size());
    }

    /**
     * Three nights under the default policy: A owes a late 100.00 (2 days old on night 0) and pays 30.00 on
     * night 2; B owes 600.00 30 days old from night 0; C is 40.00 EUR in credit (low band under 50, not under
     * 30); H owes 50.00 5 days old on night 0 and is held until night 2.
     */
    void threeNights() throws Exception {
        new NightFiles(in, D0).accounts("A,SA,USD,2025-01-01,N", "B,SB,USD,2025-01-01,N", "C,SC,EUR,2025-01-01,N",
                        "H,SH,USD,2025-01-01,Y")
                .spend("A-C1,A,K,2026-02-27,1,100.00,USD", "B-C1,B,K,2026-01-30,1,600.00,USD", "H-C1,H,K,2026-02-24,1,50.00,USD")
                .payments("C-P1,C,PAYMENT,40.00,EUR,CARD,2026-03-01,");
        run(D0, in);
        new NightFiles(in, D0.plusDays(1)).accounts().spend().payments();
        run(D0.plusDays(1), in);
        new NightFiles(in, D0.plusDays(2)).accounts("H,SH,USD,2025-01-01,N").spend()
                .payments("A-P1,A,PAYMENT,30.00,USD,CARD,2026-03-03,");
        run(D0.plusDays(2), in);
    }

    @Test
    void theNightsOwnPolicyChangesNothing() throws Exception {
        run(LocalDate.of(2026, 11, 26), Path.of("jobs/sample"));
        run(LocalDate.of(2026, 11, 27), Path.of("jobs/sample"));
        // a third night lifting a hold: the replay must know each night's hold
        new NightFiles(in, LocalDate.of(2026, 11, 28)).accounts("ACC-US-0008,STORE-1008,USD,2025-11-03,N").spend()
                .payments("X-P1,ACC-US-0003,PAYMENT,100.00,USD,CARD,2026-11-28,");
        run(LocalDate.of(2026, 11, 28), in);
        Map<String, String> before = TableChecksums.of(dataSource);

        Path dir = work.resolve("same");
        CommandLineInProcess.Result r = whatIf("--policy", "jobs/policy.yaml", "--output", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("not replayed exactly");

        List<String> summary = lines(dir.resolve("whatif_summary.csv"));
        // 3 nights x (6 stages + 10 actions + 4 credit events), every one with difference 0
        assertThat(summary).hasSize(3 * 20);
        assertThat(summary).allSatisfy(l -> assertThat(l).endsWith(",0"));
        // current is what each night wrote in its recon_summary
        for (LocalDate d = LocalDate.of(2026, 11, 26); !d.isAfter(LocalDate.of(2026, 11, 28)); d = d.plusDays(1)) {
            Outputs o = new Outputs(out, d);
            for (String stage : List.of("CURRENT", "GRACE", "FROZEN", "DEMOTED", "FLAGGED", "CLOSED")) {
                String v = o.summary("accounts", stage);
                assertThat(summary).contains(d + ",accounts," + stage + "," + v + "," + v + ",0");
            }
            // and the actions each night emitted
            List<Map<String, String>> actions = o.rows("enforcement_actions.csv");
            long freezes = actions.stream().filter(a -> a.get("action").equals("FREEZE_ADS")).count();
            assertThat(summary).contains(d + ",actions,FREEZE_ADS," + freezes + "," + freezes + ",0");
            long delinquent = o.rows("credit_impact.csv").stream().filter(c -> c.get("event").equals("DELINQUENT")).count();
            assertThat(summary).contains(d + ",credit_records,DELINQUENT," + delinquent + "," + delinquent + ",0");
        }
        // the sample's README: 24 accounts CURRENT on day 1; four DELINQUENT records (US-0003, EU-0003, CN-0003, JP-0002)
        assertThat(summary).contains("2026-11-26,accounts,CURRENT,24,24,0", "2026-11-26,credit_records,DELINQUENT,4,4,0");
        assertThat(Files.readAllLines(dir.resolve("whatif_accounts.csv"))).containsExactly("business_date,account_id,"
                + "currency,owed,days_past_due,stage,what_if_stage,enforced_stage,what_if_enforced_stage,credit_status,"
                + "what_if_credit_status");
        ReportPage.of(dir.resolve("whatif_report.html"));
        assertThat(TableChecksums.of(dataSource)).isEqualTo(before);
    }

    @Test
    void aChangedPolicyAgainstTheHandComputedScenario() throws Exception {
        threeNights();
        Map<String, String> before = TableChecksums.of(dataSource);
        Path dir = work.resolve("changed");
        CommandLineInProcess.Result r = whatIf("--policy", policy("changed.yaml", CHANGED).toString(), "--output",
                dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> summary = lines(dir.resolve("whatif_summary.csv"));
        // keys: CURRENT and the stages of both policies; the actions of both and NOTIFY_LOW_BALANCE; 4 events
        assertThat(summary).hasSize(3 * (8 + 12 + 4));
        // night 0 (by hand, see threeNights):
        //   default: A GRACE (2 days), B CLOSED (30 days, 600 >= 500), C CURRENT, H FROZEN (held)
        //   changed: A PAUSED (>= 2), B CLOSED (>= 20, 600 >= 100), C CURRENT, H FROZEN (>= 4)
        assertThat(summary.subList(0, 24)).containsExactly(
                "2026-03-01,accounts,CLOSED,1,1,0",
                "2026-03-01,accounts,CURRENT,1,1,0",
                "2026-03-01,accounts,DEMOTED,0,0,0",
                "2026-03-01,accounts,FLAGGED,0,0,0",
                "2026-03-01,accounts,FROZEN,1,1,0",
                "2026-03-01,accounts,GRACE,1,0,-1",
                "2026-03-01,accounts,PAUSED,0,1,1",
                "2026-03-01,accounts,REMINDED,0,0,0",
                // default: A NOTIFY_ARREARS; B its five enter actions; C NOTIFY_LOW_BALANCE (40.00 < 50.00)
                // changed: A NOTIFY_ARREARS, PAUSE_ADS; B NOTIFY_ARREARS, PAUSE_ADS, FREEZE_ADS, CLOSE_STORE; C none (not < 30.00)
                "2026-03-01,actions,CLEAR_STORE_RATING,0,0,0",
                "2026-03-01,actions,CLOSE_STORE,1,1,0",
                "2026-03-01,actions,DEMOTE_RANKING,1,0,-1",
                "2026-03-01,actions,FLAG_STORE_RATING,1,0,-1",
                "2026-03-01,actions,FREEZE_ADS,1,1,0",
                "2026-03-01,actions,NOTIFY_ARREARS,2,2,0",
                "2026-03-01,actions,NOTIFY_LOW_BALANCE,1,0,-1",
                "2026-03-01,actions,PAUSE_ADS,0,2,2",
                "2026-03-01,actions,REOPEN_STORE,0,0,0",
                "2026-03-01,actions,RESTORE_RANKING,0,0,0",
                "2026-03-01,actions,RESUME_ADS,0,0,0",
                "2026-03-01,actions,UNFREEZE_ADS,0,0,0",
                // B: 600.00 >= 10.00 at 30 days: 71 DELINQUENT; changed: 600.00 < 1000.00: 11, no record
                "2026-03-01,credit_records,CURED,0,0,0",
                "2026-03-01,credit_records,DELINQUENT,1,0,-1",
                "2026-03-01,credit_records,IMPROVED,0,0,0",
                "2026-03-01,credit_records,WORSENED,0,0,0");
        // night 1: A is 3 days late: default FROZEN (FREEZE_ADS), changed still PAUSED
        assertThat(summary).contains("2026-03-02,accounts,FROZEN,2,1,-1", "2026-03-02,accounts,PAUSED,0,1,1",
                "2026-03-02,actions,FREEZE_ADS,1,0,-1");
        // night 2: A pays 30.00 (owed 70.00 from 02-27, 4 days): default stays FROZEN, changed PAUSED -> FROZEN.
        // H's hold is lifted at 7 days: default CURRENT -> DEMOTED (NOTIFY_ARREARS, FREEZE_ADS, DEMOTE_RANKING),
        // changed CURRENT -> FROZEN (NOTIFY_ARREARS, PAUSE_ADS, FREEZE_ADS)
        assertThat(summary).contains("2026-03-03,accounts,DEMOTED,1,0,-1", "2026-03-03,accounts,FROZEN,1,2,1",
                "2026-03-03,actions,FREEZE_ADS,1,2,1", "2026-03-03,actions,NOTIFY_ARREARS,1,1,0",
                "2026-03-03,actions,DEMOTE_RANKING,1,0,-1", "2026-03-03,actions,PAUSE_ADS,0,1,1");
        // the last night's accounts treated differently: B's credit (71 vs 11), H's stage (DEMOTED vs FROZEN)
        assertThat(lines(dir.resolve("whatif_accounts.csv"))).containsExactly(
                "2026-03-03,B,USD,600.00,32,CLOSED,CLOSED,CLOSED,CLOSED,71,11",
                "2026-03-03,H,USD,50.00,7,DEMOTED,FROZEN,DEMOTED,FROZEN,11,11");
        ReportPage page = ReportPage.of(dir.resolve("whatif_report.html"));
        assertThat(page.rows("//table[@id='accounts']")).hasSize(2);

        // reported up to night 1 only: current per account is then the nights' own replay
        Path early = work.resolve("early");
        assertThat(whatIf("--policy", work.resolve("changed.yaml").toString(), "--output", early.toString(),
                "--from", "2026-03-02", "--to", "2026-03-02").exitCode()).isZero();
        assertThat(lines(early.resolve("whatif_summary.csv"))).hasSize(24).allSatisfy(l -> assertThat(l).startsWith("2026-03-02,"));
        assertThat(lines(early.resolve("whatif_accounts.csv"))).containsExactly(
                "2026-03-02,A,USD,100.00,3,FROZEN,PAUSED,FROZEN,PAUSED,11,11",
                "2026-03-02,B,USD,600.00,31,CLOSED,CLOSED,CLOSED,CLOSED,71,11");
        assertThat(TableChecksums.of(dataSource)).isEqualTo(before);
    }

    @Test
    void aPolicyWithAnotherCurrencySetIsAUsageError() throws Exception {
        threeNights();
        Map<String, String> before = TableChecksums.of(dataSource);
        Path noJpy = policy("no-jpy.yaml", CHANGED.replaceAll("(?m)^  JPY:.*\\n", "").replace(", JPY: 15000", ""));
        CommandLineInProcess.Result r = whatIf("--policy", noJpy.toString(), "--output", work.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("JPY");
        Path jpyDigits = policy("jpy2.yaml", CHANGED.replace("JPY: { minor_digits: 0", "JPY: { minor_digits: 2"));
        r = whatIf("--policy", jpyDigits.toString(), "--output", work.resolve("y").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("JPY");
        assertThat(Files.exists(work.resolve("x"))).isFalse();
        assertThat(TableChecksums.of(dataSource)).isEqualTo(before);
    }
}

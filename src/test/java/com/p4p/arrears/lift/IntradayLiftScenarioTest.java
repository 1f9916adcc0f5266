package com.p4p.arrears.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ledger.CloseLedgerDayTasklet;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.LiftParameters;
import com.p4p.arrears.ops.LiftRunner;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;
import com.p4p.arrears.NightlyStepNames;

/**
 * SPEC 13 end to end, by hand, on the default policy (USD): a night, an intraday file lifted the next
 * day, then that day's night.
 * <pre>
 * Night D1 = 2026-11-01 (spend dates before D1 are late charges; days past due counted to D1):
 *   A1 600.00 charged 09-15               owed 600, 47 days: CLOSED (sticky floor CLOSED)
 *   B1 100.00 on 10-22, 100.00 on 10-27   owed 200, anchor 10-22, 10 days: DEMOTED
 *   C1 900.00 on 09-20                    owed 900, 42 days: CLOSED (floor CLOSED)
 *   R1 100.00 on 10-22, 100.00 on 10-30, paid 150.00 (P_R1)
 *                                         owed 50, covered by 10-30's 100: 2 days: GRACE
 *   H1 600.00 on 09-15, hold Y            computed CLOSED, enforced CURRENT
 *   closing USD = 150.00 - 2500.00 = -2350.00
 * Lift of payments_20261102_101500.csv (open date D2 = 2026-11-02, days counted to D2):
 *   line 2 P_A  A1 PAYMENT 600.00  owed 0: CURRENT; leaves CLOSED, FLAGGED, DEMOTED, FROZEN (GRACE has none)
 *   line 3 P_B  B1 PAYMENT 120.00  owed 80, covered by 10-27's 100: anchor 10-27, 6 days: FROZEN;
 *                                  DEMOTED -> FROZEN: RESTORE_RANKING
 *   line 4 P_C  C1 PAYMENT 800.00  owed 100, 43 days: FLAGGED matches, sticky floor CLOSED holds: nothing
 *   line 5 P_RR R1 REFUND 80.00    owed 130, anchor 10-22, 11 days: DEMOTED, above enforced GRACE: nothing
 *   line 6 P_H  H1 PAYMENT 50.00   hold: target CURRENT = enforced: nothing
 *   line 7 P_G  GHOST PAYMENT 10.00 unknown account: SUSPENDED, break UNKNOWN_ACCOUNT
 *   line 8 bad id: BAD_ID          control total 600+120+800+80+50+10+1 = 1661.00
 * Night D2: accounts GHOST; payments P_A again (DUPLICATE); suspense releases P_G (unsuspended 1).
 *   credits = 600 + 120 + 800 - 80 + 50 (lifted) + 10 (released) = 1500.00, debits 0
 *   closing = -2350.00 + 1500.00 = -850.00 = A1 0 + B1 -80 + C1 -100 + R1 -130 + H1 -550 + GHOST 10
 *   actions: GHOST NOTIFY_LOW_BALANCE (10 in the band); R1 GRACE -> DEMOTED: FREEZE_ADS, DEMOTE_RANKING
 *   (the night starts from the lifted stages: nothing for A1 and B1)
 * </pre>
 */
@PipelineTest
class IntradayLiftScenarioTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 1);
    static final LocalDate D2 = D1.plusDays(1);

    @Autowired
    NightlyRunner nights;
    @Autowired
    LiftRunner lifts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @TempDir
    Path in;
    @TempDir
    Path out;

    static void writeNights(Path in) {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "B1,S2,USD,2025-01-01,N", "C1,S3,USD,2025-01-01,N",
                        "H1,S5,USD,2025-01-01,Y", "R1,S4,USD,2025-01-01,N")
                .spend("K1,A1,X,2026-09-15,1,600.00,USD", "K2,B1,X,2026-10-22,1,100.00,USD",
                        "K3,B1,X,2026-10-27,1,100.00,USD", "K4,C1,X,2026-09-20,1,900.00,USD",
                        "K5,R1,X,2026-10-22,1,100.00,USD", "K6,R1,X,2026-10-30,1,100.00,USD",
                        "K7,H1,X,2026-09-15,1,600.00,USD")
                .payments("P_R1,R1,PAYMENT,150.00,USD,CARD,2026-11-01,");
        new NightFiles(in, D2).accounts("GHOST,SG,USD,2026-11-02,N").spend()
                .payments("P_A,A1,PAYMENT,600.00,USD,ALIPAY,2026-11-02,");
    }

    static Path writeLift(Path in) {
        return LiftFiles.write(in, D2, "101500",
                "P_A,A1,PAYMENT,600.00,USD,ALIPAY,2026-11-02,",
                "P_B,B1,PAYMENT,120.00,USD,CARD,2026-11-02,",
                "P_C,C1,PAYMENT,800.00,USD,BANK_TRANSFER,2026-11-02,",
                "P_RR,R1,REFUND,80.00,USD,CARD,2026-11-02,P_R1",
                "P_H,H1,PAYMENT,50.00,USD,CARD,2026-11-02,",
                "P_G,GHOST,PAYMENT,10.00,USD,CARD,2026-11-02,",
                "bad id!,A1,PAYMENT,1.00,USD,CARD,2026-11-02,");
    }

    @Test
    void aLiftLowersEnforcementAtOnceAndTheNightCarriesOnFromIt() throws Exception {
        writeNights(in);
        Path file = writeLift(in);
        assertThat(nights.run(new RunParameters(D1, in, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(enforced("A1")).isEqualTo("CLOSED");
        assertThat(enforced("B1")).isEqualTo("DEMOTED");
        assertThat(enforced("R1")).isEqualTo("GRACE");

        assertThat(lifts.lift(LiftParameters.of(file, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Outputs lift = new Outputs(out.resolve("20261102").resolve("intraday").resolve("101500"));
        assertThat(lift.rows("enforcement_actions.csv")).extracting(r -> r.get("business_date"), r -> r.get("account_id"),
                r -> r.get("store_id"), r -> r.get("action"), r -> r.get("from_stage"), r -> r.get("to_stage"),
                r -> r.get("owed"), r -> r.get("currency"), r -> r.get("days_past_due")).containsExactly(
                tuple("2026-11-02", "A1", "S1", "REOPEN_STORE", "CLOSED", "CURRENT", "0.00", "USD", "0"),
                tuple("2026-11-02", "A1", "S1", "CLEAR_STORE_RATING", "CLOSED", "CURRENT", "0.00", "USD", "0"),
                tuple("2026-11-02", "A1", "S1", "RESTORE_RANKING", "CLOSED", "CURRENT", "0.00", "USD", "0"),
                tuple("2026-11-02", "A1", "S1", "UNFREEZE_ADS", "CLOSED", "CURRENT", "0.00", "USD", "0"),
                tuple("2026-11-02", "B1", "S2", "RESTORE_RANKING", "DEMOTED", "FROZEN", "80.00", "USD", "6"));
        assertThat(lift.lines("rejects.csv")).containsExactly("business_date,source,line_number,reason,raw_line",
                "2026-11-02,payments,8,BAD_ID,\"bad id!,A1,PAYMENT,1.00,USD,CARD,2026-11-02,\"");
        assertThat(lift.rows("recon_breaks.csv")).extracting(r -> r.get("break_type"), r -> r.get("source"),
                r -> r.get("reference"), r -> r.get("account_id"), r -> r.get("actual"), r -> r.get("currency"),
                r -> r.get("resolved_date"))
                .containsExactly(tuple("UNKNOWN_ACCOUNT", "payments", "P_G", "GHOST", "10.00", "USD", ""));
        assertThat(lift.lines("recon_summary.csv")).containsExactly("business_date,metric,key,value",
                "2026-11-02,breaks,BALANCE_MISMATCH,0", "2026-11-02,breaks,CONFLICTING_DUPLICATE,0",
                "2026-11-02,breaks,CURRENCY_MISMATCH,0", "2026-11-02,breaks,MISSING_IN_SNAPSHOT,0",
                "2026-11-02,breaks,ORPHAN_CHARGEBACK,0", "2026-11-02,breaks,UNKNOWN_ACCOUNT,1",
                "2026-11-02,conflict,payments,0", "2026-11-02,control_total,payments,1661.00",
                "2026-11-02,currency_mismatch,payments,0", "2026-11-02,duplicate,payments,0",
                "2026-11-02,posted,payments,5", "2026-11-02,rejected,payments,1", "2026-11-02,rows,payments,7",
                "2026-11-02,suspended,payments,1");

        // only the enforced stage moved: the computed stage, floor and credit status are the night's
        assertThat(state("A1")).containsEntry("stage", "CLOSED").containsEntry("enforced_stage", "CURRENT")
                .containsEntry("sticky_floor", "CLOSED");
        assertThat(state("B1")).containsEntry("stage", "DEMOTED").containsEntry("enforced_stage", "FROZEN");
        assertThat(enforced("C1")).isEqualTo("CLOSED");
        assertThat(enforced("R1")).isEqualTo("GRACE");
        assertThat(enforced("H1")).isEqualTo("CURRENT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE posted_date = ?", Long.class,
                java.sql.Date.valueOf(D2))).as("in the ledger before the night, as of the open date").isEqualTo(5);

        JobExecution second = nights.run(new RunParameters(D2, in, out, null));
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        if (!Databases.isH2(dataSource)) {
            assertThat(second.getStepExecutions().stream().filter(s -> s.getStepName().equals(NightlyStepNames.CLOSE_LEDGER_DAY))
                    .findFirst().orElseThrow().getExecutionContext().getString(CloseLedgerDayTasklet.SUMMED_KEY))
                    .as("the lifted entries joined the posting steps' sums").isEqualTo(CloseLedgerDayTasklet.SUMMED_BY_POSTING);
        }
        Outputs night = new Outputs(out, D2);
        assertThat(night.summary("duplicate", "payments")).as("the lifted payment delivered again").isEqualTo("1");
        assertThat(night.summary("posted", "payments")).isEqualTo("0");
        assertThat(night.summary("unsuspended", "payments")).isEqualTo("1");
        assertThat(night.summary("intraday_files", "payments")).isEqualTo("1");
        assertThat(night.summary("intraday_posted", "payments")).isEqualTo("5");
        assertThat(night.summary("opening_balance", "USD")).isEqualTo("-2350.00");
        assertThat(night.summary("credits", "USD")).isEqualTo("1500.00");
        assertThat(night.summary("debits", "USD")).isEqualTo("0.00");
        assertThat(night.summary("closing_balance", "USD")).isEqualTo("-850.00");
        assertThat(night.summary("breaks", "UNKNOWN_ACCOUNT")).as("raised by the lift, not by the night").isEqualTo("0");
        assertThat(new Outputs(out, D1).rows("recon_summary.csv")).extracting(r -> r.get("metric"))
                .as("absent on a date without lifts").doesNotContain("intraday_files", "intraday_posted");

        assertThat(night.rows("enforcement_actions.csv")).extracting(r -> r.get("account_id"), r -> r.get("action"),
                r -> r.get("from_stage"), r -> r.get("to_stage")).containsExactly(
                tuple("GHOST", "NOTIFY_LOW_BALANCE", "CURRENT", "CURRENT"),
                tuple("R1", "FREEZE_ADS", "GRACE", "DEMOTED"), tuple("R1", "DEMOTE_RANKING", "GRACE", "DEMOTED"));
        assertThat(night.rows("recon_breaks.csv")).extracting(r -> r.get("break_type"), r -> r.get("reference"),
                r -> r.get("resolved_date")).containsExactly(tuple("UNKNOWN_ACCOUNT", "P_G", "2026-11-02"));
        Map<String, String> a1 = night.account("A1");
        assertThat(a1).containsEntry("balance", "0.00").containsEntry("stage", "CURRENT").containsEntry("enforced_stage", "CURRENT");
        assertThat(night.account("B1")).containsEntry("balance", "-80.00").containsEntry("oldest_unpaid_date", "2026-10-27")
                .containsEntry("days_past_due", "6").containsEntry("stage", "FROZEN").containsEntry("enforced_stage", "FROZEN");
        assertThat(night.account("C1")).containsEntry("balance", "-100.00").containsEntry("stage", "CLOSED")
                .containsEntry("enforced_stage", "CLOSED");
        assertThat(night.account("R1")).containsEntry("balance", "-130.00").containsEntry("days_past_due", "11")
                .containsEntry("stage", "DEMOTED");
        assertThat(night.account("H1")).containsEntry("balance", "-550.00").containsEntry("stage", "CLOSED")
                .containsEntry("enforced_stage", "CURRENT");
        assertThat(night.account("GHOST")).containsEntry("balance", "10.00");

        String report = Files.readString(night.dir().resolve("report.html"));
        assertThat(report).contains("id=\"intraday-lifts\"").contains("payments_20261102_101500.csv")
                .contains("data-metric=\"intraday_posted\" data-key=\"payments\">5<");
        assertThat(Files.readString(new Outputs(out, D1).dir().resolve("report.html"))).doesNotContain("intraday-lifts");
    }

    private String enforced(String account) {
        return jdbc.queryForObject("SELECT enforced_stage FROM account_state WHERE account_id = ?", String.class, account);
    }

    private Map<String, Object> state(String account) {
        Map<String, Object> row = jdbc.queryForMap("SELECT stage, enforced_stage, sticky_floor FROM account_state"
                + " WHERE account_id = ?", account);
        Map<String, Object> lower = new java.util.HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        return lower;
    }
}

package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * A night that fails in the classification step and is restarted must leave exactly what an
 * undisturbed night leaves (SPEC 9): one enforcement_action row per (date, account, seq), one
 * credit_impact row per (date, account), the same arrears state for the next night, and the same
 * output files. Enforcement actions and credit records are what downstream systems act on, so a
 * duplicate or a lost one is a wrongly closed store or a wrong bureau report.
 */
@PipelineTest
class ClassificationRestartTest {

    static final LocalDate D1 = LocalDate.of(2026, 3, 1);
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);
    static final List<LocalDate> NIGHTS = List.of(D1, D2, D3);
    static final String[] FILES = {"account_status.csv", "enforcement_actions.csv", "credit_impact.csv",
            "recon_breaks.csv", "recon_summary.csv", "rejects.csv", "runway.csv"};

    /** When positive, the classification writer of {@link #D2} fails once, after writing its n-th chunk. */
    static final AtomicInteger failOnChunk = new AtomicInteger();
    static final AtomicInteger chunks = new AtomicInteger();

    @TestConfiguration
    static class FaultInjection {
        /** The production classification writer, made to fail once after its chunk's rows are written. */
        @Bean
        static FaultInjector failingClassificationWriter() {
            return FaultInjector.after("classificationWriter", "write", () -> {
                if (FaultInjector.businessDate().equals(D2) && chunks.incrementAndGet() == failOnChunk.get()) {
                    failOnChunk.set(0);
                    throw new IllegalStateException("injected fault after classifying chunk " + chunks.get());
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
    @TempDir
    Path config;
    /** The default policy with a runway block (SPEC 10), so that its state and runway.csv survive the restart too. */
    String policy;

    /** Eight accounts in chunks of three: A0-A2, A3-A5, A6-A7; on D2 every chunk has actions and credit records. */
    @ParameterizedTest(name = "fail after chunk {0} of 3")
    @ValueSource(ints = {1, 2, 3})
    void aNightFailedInClassificationAndRestartedEndsExactlyLikeAnUndisturbedNight(int failingChunk) throws Exception {
        writeNights();
        policy = config.resolve("policy.yaml").toString();
        Files.writeString(Path.of(policy), Files.readString(Path.of("jobs/policy.yaml"))
                + "runway: { window_days: 7, horizon_days: 5 }\n");
        failOnChunk.set(0);
        Path undisturbed = out.resolve("undisturbed");
        for (LocalDate d : NIGHTS) {
            assertThat(runner.run(new RunParameters(d, in, undisturbed, policy)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        List<String> actions = actionRows();
        List<String> credit = creditRows();
        List<String> states = stateRows();
        assertThat(actions).as("the scenario gives D2 actions in every chunk")
                .anyMatch(r -> r.startsWith("2026-03-02,A2")).anyMatch(r -> r.startsWith("2026-03-02,A3"))
                .anyMatch(r -> r.startsWith("2026-03-02,A7"));
        // A1: 40.00 left after 60.00 spent: floor(40.00 x 7 / 60.00) = 4 days < 5, after its low-balance alert
        assertThat(actions).anyMatch(r -> r.startsWith("2026-03-02,A1,1,S1,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,"))
                .anyMatch(r -> r.startsWith("2026-03-02,A1,2,S1,NOTIFY_RUNWAY,CURRENT,CURRENT,"));
        assertThat(Files.readAllLines(undisturbed.resolve("20260302").resolve("runway.csv")))
                .contains("2026-03-02,A1,USD,40.00,8.57,4,Y");
        assertThat(credit).anyMatch(r -> r.startsWith("2026-03-02,A0")).anyMatch(r -> r.startsWith("2026-03-02,A4"))
                .anyMatch(r -> r.startsWith("2026-03-02,A7"));

        CleanDatabaseExtension.wipe(dataSource);
        Path disturbed = out.resolve("disturbed");
        assertThat(runner.run(new RunParameters(D1, in, disturbed, policy)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        chunks.set(0);
        failOnChunk.set(failingChunk);
        JobExecution failed = runner.run(new RunParameters(D2, in, disturbed, policy));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed, NightlyStepNames.CLASSIFY_ACCOUNTS).getStatus()).isEqualTo(BatchStatus.FAILED);
        // The chunks before the failing one are committed (their accounts' rows of D2 are in), the failing
        // one is rolled back, later ones never ran.
        List<String> committedAccounts = List.of("A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7")
                .subList(0, 3 * (failingChunk - 1));
        assertThat(jdbc.queryForList("SELECT DISTINCT account_id FROM enforcement_action WHERE business_date = ?"
                + " ORDER BY account_id", String.class, D2)).isSubsetOf(committedAccounts);
        assertThat(jdbc.queryForList("SELECT account_id FROM account_state WHERE as_of_date = ? ORDER BY account_id",
                String.class, D2)).containsExactlyElementsOf(committedAccounts);
        assertThat(Files.exists(disturbed.resolve("20260302"))).isFalse();

        JobExecution restarted = runner.restart(D2);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, NightlyStepNames.CLASSIFY_ACCOUNTS).getReadCount())
                .as("the restart resumes after the last committed chunk").isEqualTo(8 - committedAccounts.size());
        assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
                .filteredOn(name -> !PartitionPlan.isPartition(name))
                .as("completed steps are not redone").containsExactly(NightlyStepNames.CLASSIFY_ACCOUNTS,
                        NightlyStepNames.WRITE_ACCOUNT_FILES, NightlyStepNames.WRITE_OUTPUTS);
        assertThat(runner.run(new RunParameters(D3, in, disturbed, policy)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // The key of each table makes a second row for a (date, account[, seq]) impossible; what must hold is
        // that none is missing or different, and that the state carried to D3 is the same.
        assertThat(actionRows()).isEqualTo(actions);
        assertThat(creditRows()).isEqualTo(credit);
        assertThat(stateRows()).isEqualTo(states);
        for (LocalDate d : NIGHTS) {
            String day = d.format(DateTimeFormatter.BASIC_ISO_DATE);
            for (String file : FILES) {
                assertThat(Files.readString(disturbed.resolve(day).resolve(file)))
                        .as(day + "/" + file).isEqualTo(Files.readString(undisturbed.resolve(day).resolve(file)));
            }
        }
    }

    private void writeNights() {
        String[] accounts = new String[8];
        for (int i = 0; i < 8; i++) {
            accounts[i] = "A" + i + ",S" + i + ",USD,2025-06-01,N";
        }
        new NightFiles(in, D1).accounts(accounts)
                .spend("C0,A0,K1,2026-01-31,1,100.00,USD",  // 29 days: FLAGGED, credit 11
                        "C2,A2,K1,2026-01-31,1,600.00,USD",  // 29 days: FLAGGED; CLOSED at 30
                        "C3,A3,K1,2026-02-27,1,50.00,USD",   // 2 days: GRACE
                        "C4,A4,K1,2026-01-20,1,40.00,USD",   // 40 days: FLAGGED, DELINQUENT
                        "C5,A5,K1,2026-01-01,1,80.00,USD",   // 59 days: FLAGGED, DELINQUENT 71
                        "C6,A6,K1,2026-02-23,1,30.00,USD")   // 6 days: FROZEN
                .payments("P1,A1,PAYMENT,100.00,USD,CARD,2026-03-01,", "P7,A7,PAYMENT,60.00,USD,CARD,2026-03-01,");
        new NightFiles(in, D2).accounts("A5,S5,USD,2025-06-01,Y")
                .spend("C1,A1,K1,2026-03-02,1,60.00,USD",   // A1 enters the low-balance band
                        "C7,A7,K1,2026-01-31,1,100.00,USD")  // A7 billed late: 30 days, CURRENT -> FLAGGED, DELINQUENT
                .payments("P4,A4,PAYMENT,40.00,USD,CARD,2026-03-02,"); // A4 cured
        // D2 otherwise: A0 DELINQUENT at 30 days, A2 CLOSED and DELINQUENT, A3 FROZEN, A5 on hold (leave
        // actions, 78 withheld), A6 DEMOTED at 7 days.
        new NightFiles(in, D3).accounts("A5,S5,USD,2025-06-01,N") // released: enter actions, WORSENED 78
                .spend("C8,A1,K1,2026-03-03,1,45.00,USD")
                .payments("P0,A0,PAYMENT,100.00,USD,ALIPAY,2026-03-03,", "P2,A2,PAYMENT,300.00,USD,CARD,2026-03-03,");
    }

    private List<String> actionRows() {
        return jdbc.query("SELECT * FROM enforcement_action ORDER BY business_date, account_id, seq",
                (rs, i) -> rs.getDate("business_date") + "," + rs.getString("account_id") + "," + rs.getInt("seq") + ","
                        + rs.getString("store_id") + "," + rs.getString("action") + "," + rs.getString("from_stage") + ","
                        + rs.getString("to_stage") + "," + rs.getBigDecimal("owed").toPlainString() + ","
                        + rs.getString("currency") + "," + rs.getInt("days_past_due"));
    }

    private List<String> creditRows() {
        return jdbc.query("SELECT * FROM credit_impact ORDER BY business_date, account_id",
                (rs, i) -> rs.getDate("business_date") + "," + rs.getString("account_id") + "," + rs.getString("event")
                        + "," + rs.getString("status_code") + "," + rs.getString("previous_status_code") + ","
                        + rs.getBigDecimal("amount_past_due").toPlainString() + "," + rs.getString("currency") + ","
                        + rs.getInt("days_past_due") + "," + rs.getDate("first_delinquency"));
    }

    private List<String> stateRows() {
        return jdbc.query("SELECT * FROM account_state ORDER BY account_id",
                (rs, i) -> rs.getString("account_id") + "," + rs.getDate("as_of_date") + ","
                        + rs.getBigDecimal("balance").toPlainString() + "," + rs.getBigDecimal("owed").toPlainString() + ","
                        + rs.getDate("oldest_unpaid_date") + "," + rs.getInt("days_past_due") + "," + rs.getString("stage")
                        + "," + rs.getString("enforced_stage") + "," + rs.getString("sticky_floor") + ","
                        + rs.getString("credit_status") + "," + rs.getDate("first_delinquency") + ","
                        + rs.getString("in_low_band") + "," + rs.getString("in_runway_band") + ","
                        + rs.getBigDecimal("window_spend") + "," + rs.getObject("runway_days") + ","
                        + rs.getObject("runway_digits") + "," + rs.getString("runway_carried"));
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }
}

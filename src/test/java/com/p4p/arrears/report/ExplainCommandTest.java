package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.p4p.arrears.ops.CommandLineArgs;
import com.p4p.arrears.ops.ExplainCommand;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.support.CommandLineInProcess;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;
import com.p4p.arrears.support.TableChecksums;

/**
 * explain (SPEC 11) through the real command line, against the nights' own account_status.csv: the two
 * sample nights of jobs/sample and a third night in which a hold is lifted and a sticky account pays
 * part of its debt.
 */
@PipelineTest
class ExplainCommandTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);
    static final String[] STATUS_COLUMNS = {"business_date", "account_id", "currency", "balance", "owed",
            "oldest_unpaid_date", "days_past_due", "stage", "enforced_stage", "credit_status", "hold"};

    @Autowired
    NightlyRunner runner;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment env;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PolicyProvider policies;
    @TempDir
    Path in;
    @TempDir
    Path out;

    void run(LocalDate date, Path input) throws Exception {
        assertThat(runner.run(new RunParameters(date, input, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    void threeNights() throws Exception {
        run(D1, Path.of("jobs/sample"));
        run(D2, Path.of("jobs/sample"));
        // night 3: ACC-US-0008's hold is lifted (FROZEN since day 1, enforced CURRENT until now);
        // ACC-US-0003 (CLOSED, sticky) pays 100.00 of its 375.50
        new NightFiles(in, D3).accounts("ACC-US-0008,STORE-1008,USD,2025-11-03,N")
                .spend("X-C1,ACC-US-0005,K1,2026-11-28,3,30.00,USD")
                .payments("X-P1,ACC-US-0003,PAYMENT,100.00,USD,CARD,2026-11-28,");
        run(D3, in);
    }

    /** explain through the command's class with this test's beans: the same code without a context per call. */
    String explainDirect(String... args) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(args));
        new ExplainCommand(runner, jdbc, policies, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8))
                .run(CommandLineArgs.parse(all.toArray(String[]::new)));
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    CommandLineInProcess.Result explain(String... args) {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(args));
        return new CommandLineInProcess(env).run(all.toArray(String[]::new));
    }

    @Test
    void theJsonOfEveryAccountIsItsAccountStatusRowAsWrittenAndNothingInTheDatabaseChanges() throws Exception {
        threeNights();
        Map<String, String> before = TableChecksums.of(dataSource);
        List<Map<String, String>> rows = new Outputs(out, D3).rows("account_status.csv");
        assertThat(rows).hasSizeGreaterThan(40);
        ObjectMapper json = new ObjectMapper();
        // the real command line prints what the command class prints
        CommandLineInProcess.Result cli = explain("--account", "ACC-EU-0007", "--json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo(explainDirect("--account", "ACC-EU-0007", "--json"));
        for (Map<String, String> row : rows) {
            JsonNode j = json.readTree(explainDirect("--account", row.get("account_id"), "--json"));
            for (String column : STATUS_COLUMNS) {
                String expected = row.get(column).isEmpty() ? null : row.get(column);
                JsonNode v = j.get(column);
                assertThat(v).as(row.get("account_id") + " " + column).isNotNull();
                assertThat(v.isNull() ? null : v.asText()).as(row.get("account_id") + " " + column).isEqualTo(expected);
            }
            // the walk ends at the anchor: its last running sum covers owed (or it is every charge date)
            JsonNode fifo = j.get("fifo");
            if (row.get("oldest_unpaid_date").isEmpty() || fifo.isEmpty()) {
                assertThat(row.get("oldest_unpaid_date").isEmpty() || j.get("anchor_rule").asText().contains("refund")).isTrue();
            } else {
                assertThat(fifo.get(fifo.size() - 1).get("charge_date").asText()).isEqualTo(row.get("oldest_unpaid_date"));
            }
            assertThat(j.get("disagreements")).as(row.get("account_id")).isEmpty();
        }
        // read-only: no table changed, the job repository included (no execution was recorded)
        assertThat(TableChecksums.of(dataSource)).isEqualTo(before);
    }

    @Test
    void aStickyAccountShowsItsWalkItsConditionsAndTheTransitionsThatLedThere() throws Exception {
        threeNights();
        CommandLineInProcess.Result r = explain("--account", "ACC-US-0003", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // day 1: four late charges, 975.50, no payment; day 2 paid 600.00; day 3 100.00: owed 275.50.
        assertThat(j.get("owed").asText()).isEqualTo("275.50");
        // FIFO, newest first, until the running sum reaches 275.50: the anchor's running sum is the first >= owed
        JsonNode fifo = j.get("fifo");
        assertThat(new java.math.BigDecimal(fifo.get(fifo.size() - 1).get("running_sum").asText()))
                .isGreaterThanOrEqualTo(new java.math.BigDecimal("275.50"));
        if (fifo.size() > 1) {
            assertThat(new java.math.BigDecimal(fifo.get(fifo.size() - 2).get("running_sum").asText()))
                    .isLessThan(new java.math.BigDecimal("275.50"));
        }
        // CLOSED needs 500.00 owed: not held, so by its conditions it is FLAGGED; CLOSED stays as the sticky floor
        JsonNode closed = j.get("stages").get(4);
        assertThat(closed.get("name").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("owed_held").asBoolean()).isFalse();
        assertThat(closed.get("matches").asBoolean()).isFalse();
        assertThat(j.get("stage_by_conditions").asText()).isEqualTo("FLAGGED");
        assertThat(j.get("sticky_floor").asText()).isEqualTo("CLOSED");
        assertThat(j.get("stage").asText()).isEqualTo("CLOSED");
        // the one transition: day 1, CURRENT -> CLOSED, five enter actions
        assertThat(j.get("transitions")).hasSize(1);
        JsonNode t = j.get("transitions").get(0);
        assertThat(t.get("business_date").asText()).isEqualTo("2026-11-26");
        assertThat(t.get("owed").asText()).isEqualTo("975.50");
        assertThat(t.get("days_past_due").asInt()).isEqualTo(60);
        assertThat(t.get("actions")).hasSize(5);
        // credit: DELINQUENT 78 on day 1, IMPROVED 71 on day 2, the episode dated by day 1's anchor
        assertThat(j.get("credit").get("records")).hasSize(2);
        assertThat(j.get("credit").get("date_of_first_delinquency").asText()).isEqualTo("2026-09-27");

        // the same for a person: the walk as a table, the conditions marked
        CommandLineInProcess.Result text = explain("--account", "ACC-US-0003");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("charge_date", "running_sum", "<- anchor (oldest unpaid)", "not held",
                "sticky floor: CLOSED", "2026-11-26", "CLOSE_STORE");
    }

    @Test
    void aHoldLiftedTonightShowsTheEnforcementCatchingUp() throws Exception {
        threeNights();
        JsonNode j = new ObjectMapper().readTree(explain("--account", "ACC-US-0008", "--json").out());
        assertThat(j.get("hold").asText()).isEqualTo("N");
        assertThat(j.get("enforced_stage").asText()).isEqualTo(j.get("stage").asText());
        JsonNode last = j.get("transitions").get(j.get("transitions").size() - 1);
        assertThat(last.get("business_date").asText()).isEqualTo("2026-11-28");
        assertThat(last.get("from_stage").asText()).isEqualTo("CURRENT");
    }

    @Test
    void aLaterNightThatFailedAfterClassifyingIsRefusedByExplainAndLeftOutOfWhatIf() throws Exception {
        threeNights();
        // night 4 classifies every account, then cannot write its outputs (the output "folder" is a file)
        Path blocked = java.nio.file.Files.createFile(in.resolve("not-a-folder"));
        new NightFiles(in, D3.plusDays(1)).accounts().spend().payments("X-P2,ACC-US-0003,PAYMENT,5.00,USD,CARD,2026-11-29,");
        assertThat(runner.run(new RunParameters(D3.plusDays(1), in, blocked, null)).getStatus()).isEqualTo(BatchStatus.FAILED);

        CommandLineInProcess.Result r = explain("--account", "ACC-US-0003");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("refused explain ACC-US-0003", "2026-11-28");

        // what-if reports the completed nights only, and still exactly: the failed night's state is not "current"
        Path dir = in.resolve("whatif");
        CommandLineInProcess.Result w = new CommandLineInProcess(env).run("what-if", "--policy", "jobs/policy.yaml",
                "--output", dir.toString());
        assertThat(w.exitCode()).as(w.err()).isZero();
        assertThat(w.out()).contains("2026-11-26 .. 2026-11-28").doesNotContain("not replayed exactly");
        List<String> summary = java.nio.file.Files.readAllLines(dir.resolve("whatif_summary.csv"));
        assertThat(summary.subList(1, summary.size())).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(",0"));
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("whatif_accounts.csv"))).hasSize(1);
    }

    @Test
    void anUnknownAccountIsAUsageErrorNamingIt() throws Exception {
        threeNights();
        CommandLineInProcess.Result r = explain("--account", "acc-us-0003x", "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("acc-us-0003x");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void withoutACompletedNightThereIsNothingToExplain() {
        CommandLineInProcess.Result r = explain("--account", "ACC-US-0003");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no night has completed");
    }
}

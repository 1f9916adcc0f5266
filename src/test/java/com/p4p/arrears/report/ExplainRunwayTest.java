package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.p4p.arrears.ops.CommandLineArgs;
import com.p4p.arrears.ops.ExplainCommand;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * explain's runway figures (SPEC 10, 11) against each night's own runway.csv: after every night of a
 * six-night scenario with a runway block (spend that stops, a burst, a late charge, spend released from
 * suspense, a hold, a balance that goes to 0 and below, yen), every account of account_status.csv is
 * explained and its runway object must be its runway.csv row, or no forecast when it has none.
 */
@PipelineTest
class ExplainRunwayTest {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);

    @Autowired
    NightlyRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PolicyProvider policies;
    @TempDir
    Path in;
    @TempDir
    Path out;
    @TempDir
    Path config;

    String explain(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "explain";
        System.arraycopy(args, 0, all, 1, args.length);
        new ExplainCommand(runner, jdbc, policies, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(CommandLineArgs.parse(all));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    void run(int n, String policy) throws Exception {
        assertThat(runner.run(new RunParameters(D0.plusDays(n), in, out, policy)).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    /** Every account of the night: its runway object equals its runway.csv row (or says there is none). */
    int checkNight(int n) throws Exception {
        Outputs night = new Outputs(out, D0.plusDays(n));
        Map<String, Map<String, String>> runway = new HashMap<>();
        night.rows("runway.csv").forEach(r -> runway.put(r.get("account_id"), r));
        List<Map<String, String>> accounts = night.rows("account_status.csv");
        ObjectMapper json = new ObjectMapper();
        int inBand = 0;
        for (Map<String, String> a : accounts) {
            String id = a.get("account_id");
            JsonNode j = json.readTree(explain("--account", id, "--json"));
            JsonNode w = j.get("runway");
            assertThat(w.isObject()).as(id).isTrue();
            assertThat(w.get("window_days").asInt()).isEqualTo(3);
            assertThat(w.get("horizon_days").asInt()).isEqualTo(3);
            assertThat(w.get("balance").asText()).as(id).isEqualTo(a.get("balance"));
            Map<String, String> row = runway.get(id);
            if (row == null) {
                assertThat(w.get("forecast").asBoolean()).as(id).isFalse();
                assertThat(w.get("daily_spend").isNull()).as(id).isTrue();
                assertThat(w.get("days_to_zero").isNull()).as(id).isTrue();
                assertThat(w.get("in_band").asText()).as(id).isEqualTo("N");
                // no row: either nothing is left or nothing was spent in the window
                assertThat(new java.math.BigDecimal(a.get("balance")).signum() <= 0
                        || new java.math.BigDecimal(w.get("window_spend").asText()).signum() == 0).as(id).isTrue();
            } else {
                assertThat(w.get("forecast").asBoolean()).as(id).isTrue();
                assertThat(w.get("balance").asText()).as(id).isEqualTo(row.get("balance"));
                assertThat(w.get("daily_spend").asText()).as(id).isEqualTo(row.get("daily_spend"));
                assertThat(w.get("days_to_zero").asText()).as(id).isEqualTo(row.get("days_to_zero"));
                assertThat(w.get("in_band").asText()).as(id).isEqualTo(row.get("in_band"));
                // S over window_days, half-even to the currency's digits, is the file's daily_spend
                java.math.BigDecimal s = new java.math.BigDecimal(w.get("window_spend").asText());
                int digits = new java.math.BigDecimal(row.get("daily_spend")).scale();
                assertThat(s.divide(java.math.BigDecimal.valueOf(3), digits, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString()).as(id).isEqualTo(row.get("daily_spend"));
                if ("Y".equals(row.get("in_band"))) {
                    inBand++;
                }
            }
            assertThat(j.get("disagreements")).as(id + " " + j.get("disagreements")).isEmpty();
        }
        assertThat(runway.keySet()).isSubsetOf(accounts.stream().map(a -> a.get("account_id")).toList());
        return inBand;
    }

    @Test
    void theRunwayFiguresOfEveryAccountAreItsRunwayCsvRowEveryNight() throws Exception {
        Path policy = config.resolve("policy-runway.yaml");
        Files.writeString(policy, Files.readString(Path.of("jobs/policy.yaml")) + "runway:\n  window_days: 3\n  horizon_days: 3\n");
        String p = policy.toString();
        new NightFiles(in, D0).accounts("A,SA,USD,2025-01-01,N", "B,SB,USD,2025-01-01,N", "C,SC,USD,2025-01-01,N",
                        "E,SE,USD,2025-01-01,Y", "F,SF,USD,2025-01-01,N", "G,SG,JPY,2025-01-01,N")
                .spend("A-1,A,K,2026-03-01,1,20.00,USD", "B-1,B,K,2026-03-01,1,10.00,USD",
                        "E-1,E,K,2026-03-01,1,60.00,USD", "F-1,F,K,2026-03-01,1,50.00,USD",
                        "G-1,G,K,2026-03-01,1,7000,JPY")
                .payments("A-P,A,PAYMENT,100.00,USD,CARD,2026-03-01,", "B-P1,B,PAYMENT,1000.00,USD,CARD,2026-03-01,",
                        "C-P,C,PAYMENT,300.00,USD,CARD,2026-03-01,", "E-P,E,PAYMENT,100.00,USD,CARD,2026-03-01,",
                        "F-P,F,PAYMENT,50.00,USD,CARD,2026-03-01,", "G-P,G,PAYMENT,10000,JPY,CARD,2026-03-01,");
        run(0, p);
        int inBand = checkNight(0);
        new NightFiles(in, D0.plusDays(1)).accounts()
                .spend("A-2,A,K,2026-03-02,1,30.00,USD", "B-2,B,K,2026-03-02,1,500.00,USD",
                        "F-2,F,K,2026-03-02,1,20.00,USD", "D-1,D,K,2026-03-02,1,90.00,USD")
                .payments();
        run(1, p);
        inBand += checkNight(1);
        new NightFiles(in, D0.plusDays(2)).accounts("D,SD,USD,2025-01-01,N")
                .spend("A-3,A,K,2026-03-03,1,40.00,USD", "B-3,B,K,2026-03-03,1,10.00,USD",
                        "C-1,C,K,2026-03-01,1,240.00,USD")
                .payments("B-P2,B,PAYMENT,2000.00,USD,CARD,2026-03-03,", "D-P,D,PAYMENT,150.00,USD,CARD,2026-03-03,");
        run(2, p);
        inBand += checkNight(2);
        new NightFiles(in, D0.plusDays(3)).accounts().spend("B-4,B,K,2026-03-04,1,1500.00,USD").payments();
        run(3, p);
        inBand += checkNight(3);
        new NightFiles(in, D0.plusDays(4)).accounts().spend().payments();
        run(4, p);
        inBand += checkNight(4);
        new NightFiles(in, D0.plusDays(5)).accounts().spend("E-2,E,K,2026-03-06,1,10.00,USD").payments();
        run(5, p);
        inBand += checkNight(5);
        assertThat(inBand).as("the scenario has accounts in the band").isGreaterThan(5);

        // C's late charge (charge date 03-01, posted by the run of 03-03) counts in the run that posted it
        JsonNode c = new ObjectMapper().readTree(explain("--account", "C", "--json")).get("runway");
        assertThat(c.get("window_from").asText()).isEqualTo("2026-03-04");
        assertThat(c.get("window_spend").asText()).isEqualTo("0.00");
        assertThat(c.get("reason").asText()).contains("S = 0");
        // the same for a person
        String text = explain("--account", "B");
        assertThat(text).contains("Runway forecast (window_days 3, horizon_days 3)", "the runs 2026-03-04 .. 2026-03-06",
                "2026-03-04", "1500.00", "days_to_zero = floor(980.00 x 3 / 1500.00) = 1 < horizon_days 3: in the band",
                "(the account's runway.csv row)");
        assertThat(explain("--account", "F")).contains("<= 0: no forecast");
    }

    @Test
    void withoutARunwayBlockTheRunwayObjectIsNull() throws Exception {
        new NightFiles(in, D0).accounts("A,SA,USD,2025-01-01,N").spend("A-1,A,K,2026-03-01,1,90.00,USD")
                .payments("A-P,A,PAYMENT,100.00,USD,CARD,2026-03-01,");
        run(0, null);
        JsonNode j = new ObjectMapper().readTree(explain("--account", "A", "--json"));
        assertThat(j.has("runway")).isTrue();
        assertThat(j.get("runway").isNull()).isTrue();
        assertThat(explain("--account", "A")).doesNotContain("Runway");
    }
}

package com.p4p.arrears.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineProcess;
import com.p4p.arrears.support.Pushgateway;
import com.p4p.arrears.support.Pushgateway.Scrape;
import com.p4p.arrears.support.TestDatabase;
import com.p4p.arrears.NightlyStepNames;

/**
 * The packaged jar pushing its nights to a real Pushgateway, read back as Prometheus would scrape
 * it: the figures an operator checks (status, rows per source, accounts per stage, ...) equal the
 * night's recon_summary.csv, a failed night says so and keeps the last completed date, and an
 * unreachable gateway is one warning line that changes neither the outputs nor the exit code.
 */
class NightMetricsPushIT {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = LocalDate.of(2026, 11, 27);
    static final String JOB = "p4p_arrears";
    static final Set<String> DISPOSITIONS = Set.of("posted", "rejected", "duplicate", "conflict", "suspended",
            "currency_mismatch");
    static final List<String> STEPS = List.of(NightlyStepNames.VERIFY_DELIVERY, NightlyStepNames.INGEST_ACCOUNTS, NightlyStepNames.RELEASE_SUSPENSE, NightlyStepNames.INGEST_SPEND,
            NightlyStepNames.INGEST_PAYMENTS, NightlyStepNames.CLOSE_LEDGER_DAY, NightlyStepNames.COMPARE_BALANCES, NightlyStepNames.FIND_MISSING_BALANCES, NightlyStepNames.CLASSIFY_ACCOUNTS, NightlyStepNames.WRITE_ACCOUNT_FILES,
            NightlyStepNames.WRITE_OUTPUTS);
    static final String[] FILES = {"account_status.csv", "enforcement_actions.csv", "credit_impact.csv",
            "recon_breaks.csv", "recon_summary.csv", "rejects.csv"};

    @TempDir
    Path tmp;
    Path in;
    Path out;

    @BeforeEach
    void deliverTheSampleFirstNight() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        out = tmp.resolve("out");
        deliver(D1);
    }

    @Test
    void eachNightsMetricsAreReadBackFromThePushgateway() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "metrics"); Pushgateway gateway = Pushgateway.start(tmp)) {
            PipelineProcess jar = new PipelineProcess(withGateway(db, gateway.url()), tmp);

            assertThat(run(jar, "run", "--date", D1.toString()).exitCode()).isZero();
            Scrape m = gateway.scrape();
            assertThat(m.value("p4p_arrears_night_success", "job", JOB)).isEqualTo(1);
            assertThat(m.samples("p4p_arrears_night_info", "job", JOB, "business_date", "2026-11-26",
                    "status", "COMPLETED")).hasSize(1);
            assertThat(m.value("p4p_arrears_last_completed_business_date_seconds", "job", JOB)).isEqualTo(epoch(D1));
            assertThat(m.value("p4p_arrears_night_business_date_seconds", "job", JOB)).isEqualTo(epoch(D1));
            assertThat(m.value("p4p_arrears_night_duration_seconds", "job", JOB)).isPositive();
            assertSameAsReconSummary(m, D1);
            for (String step : STEPS) {
                assertThat(m.value("p4p_arrears_step_success", "step", step)).as(step).isEqualTo(1);
            }
            assertThat(m.value("p4p_arrears_step_read_rows", "step", NightlyStepNames.INGEST_SPEND))
                    .isEqualTo(m.value("p4p_arrears_input_rows", "source", "spend"));
            // the path the bulk writers took, as the night recorded it
            String bulkPath = expectedBulkPath(db);
            assertThat(m.samples("p4p_arrears_bulk_path_info", "job", JOB)).singleElement()
                    .satisfies(s -> assertThat(s.labels().get("path")).isEqualTo(bulkPath));
            // Spring Batch's own Micrometer timers ride along
            assertThat(m.value("spring_batch_job_seconds_count", "spring_batch_job_name", "nightly",
                    "spring_batch_job_status", "COMPLETED")).isEqualTo(1);
            assertThat(m.samples("spring_batch_step_seconds_count", "spring_batch_step_name", NightlyStepNames.INGEST_SPEND)).hasSize(1);
            assertThat(m.samples("spring_batch_item_read_seconds_count")).as("no observation per item: too dear").isEmpty();

            // the next night's files are late: it fails, and the last completed date stays D1
            PipelineProcess.Result failed = run(jar, "run", "--date", D2.toString());
            assertThat(failed.exitCode()).isEqualTo(1);
            m = gateway.scrape();
            assertThat(m.value("p4p_arrears_night_success", "job", JOB)).isZero();
            assertThat(m.samples("p4p_arrears_night_info", "job", JOB, "business_date", "2026-11-27",
                    "status", "FAILED")).hasSize(1);
            assertThat(m.value("p4p_arrears_last_completed_business_date_seconds", "job", JOB)).isEqualTo(epoch(D1));
            assertThat(m.value("p4p_arrears_step_success", "step", NightlyStepNames.VERIFY_DELIVERY)).isZero();
            assertThat(m.samples("p4p_arrears_input_rows")).as("only the latest night is kept").isEmpty();

            // they arrive; the restart completes it and the gateway shows D2 completed
            deliver(D2);
            assertThat(run(jar, "restart", "--date", D2.toString()).exitCode()).isZero();
            m = gateway.scrape();
            assertThat(m.value("p4p_arrears_night_success", "job", JOB)).isEqualTo(1);
            assertThat(m.value("p4p_arrears_last_completed_business_date_seconds", "job", JOB)).isEqualTo(epoch(D2));
            assertSameAsReconSummary(m, D2);
        }
    }

    @Test
    void anUnreachablePushgatewayIsOneWarningLineAndTheNightIsUnaffected() throws Exception {
        Path undisturbed = tmp.resolve("undisturbed");
        try (TestDatabase db = TestDatabase.fresh(tmp, "nogateway")) {
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            assertThat(jar.run("run", "--date", D1.toString(), "--input", in.toString(), "--output",
                    undisturbed.toString()).exitCode()).isZero();
        }
        try (TestDatabase db = TestDatabase.fresh(tmp, "unreachable")) {
            String nobody = "http://127.0.0.1:" + Pushgateway.freePort();
            PipelineProcess jar = new PipelineProcess(withGateway(db, nobody), tmp);

            PipelineProcess.Result ok = run(jar, "run", "--date", D1.toString());
            assertThat(ok.exitCode()).isZero();
            assertThat(metricsLines(ok)).singleElement().asString().contains("WARN", "not pushed", nobody,
                    "night is unaffected");
            assertThat(ok.output()).doesNotContain("Exception").doesNotContain("\tat ");
            for (String file : FILES) {
                assertThat(Files.readString(new Outputs(out, D1).dir().resolve(file)))
                        .as(file).isEqualTo(Files.readString(new Outputs(undisturbed, D1).dir().resolve(file)));
            }

            PipelineProcess.Result failed = run(jar, "run", "--date", D2.toString());
            assertThat(failed.exitCode()).as("a failed night still exits 1").isEqualTo(1);
            assertThat(metricsLines(failed)).singleElement().asString().contains("WARN", "not pushed");
        }
    }

    /** Every figure of the night's recon_summary.csv that Prometheus users alert on, as pushed. */
    private void assertSameAsReconSummary(Scrape m, LocalDate date) {
        List<Map<String, String>> rows = new Outputs(out, date).rows("recon_summary.csv");
        int accounts = 0;
        int sources = 0;
        for (Map<String, String> row : rows) {
            String metric = row.get("metric");
            String key = row.get("key");
            double value = new BigDecimal(row.get("value")).doubleValue();
            String what = metric + "/" + key;
            if (metric.equals("rows")) {
                sources++;
                assertThat(m.value("p4p_arrears_input_rows", "source", key)).as(what).isEqualTo(value);
            } else if (DISPOSITIONS.contains(metric)) {
                assertThat(m.value("p4p_arrears_input_dispositions", "source", key, "disposition", metric))
                        .as(what).isEqualTo(value);
            } else if (metric.equals("accounts")) {
                accounts++;
                assertThat(m.value("p4p_arrears_accounts", "stage", key)).as(what).isEqualTo(value);
            } else if (metric.equals("breaks")) {
                assertThat(m.value("p4p_arrears_breaks", "type", key)).as(what).isEqualTo(value);
            } else if (metric.equals("owed")) {
                assertThat(m.value("p4p_arrears_owed", "currency", key)).as(what).isEqualTo(value);
            } else if (metric.equals("closing_balance")) {
                assertThat(m.value("p4p_arrears_ledger_closing_balance", "currency", key)).as(what).isEqualTo(value);
            }
        }
        assertThat(sources).as("sources in recon_summary").isPositive();
        assertThat(m.samples("p4p_arrears_input_rows")).hasSize(sources);
        assertThat(accounts).as("stages in recon_summary").isPositive();
        assertThat(m.samples("p4p_arrears_accounts")).hasSize(accounts);
    }

    private PipelineProcess.Result run(PipelineProcess jar, String command, String flag, String date)
            throws IOException, InterruptedException {
        return command.equals("restart") ? jar.run(command, flag, date)
                : jar.run(command, flag, date, "--input", in.toString(), "--output", out.toString());
    }

    private static List<String> metricsLines(PipelineProcess.Result r) {
        return r.output().lines().filter(l -> l.contains("NightMetricsPusher")).toList();
    }

    private static Map<String, String> withGateway(TestDatabase db, String url) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("PIPELINE_METRICS_PUSHGATEWAY_URL", url);
        return env;
    }

    private void deliver(LocalDate date) throws IOException {
        String day = date.toString().replace("-", "");
        for (String source : List.of("accounts", "spend", "payments", "balances")) {
            String name = source + "_" + day + ".csv";
            Files.copy(Path.of("jobs/sample").resolve(name), in.resolve(name));
        }
    }

    /**
     * What the night recorded under pipeline.bulk-path in its job execution context; without a
     * record, H2 (which never bulk-loads) is batched-insert and MySQL unknown.
     */
    private static String expectedBulkPath(TestDatabase db) throws IOException, SQLException {
        String user = db.env().get("SPRING_DATASOURCE_USERNAME");
        String context;
        try (Connection c = user.isEmpty() ? DriverManager.getConnection(db.url())
                : DriverManager.getConnection(db.url(), user, db.env().get("SPRING_DATASOURCE_PASSWORD"));
             ResultSet rs = c.createStatement().executeQuery("SELECT SHORT_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT"
                     + " ORDER BY JOB_EXECUTION_ID DESC")) {
            assertThat(rs.next()).as("a job execution context").isTrue();
            context = rs.getString(1);
        }
        Map<String, Object> recorded = new DefaultExecutionContextSerializer().deserialize(
                new ByteArrayInputStream(context.getBytes(StandardCharsets.UTF_8)));
        Object path = recorded.get(NightMetricsPusher.BULK_PATH_KEY);
        if (path != null) {
            return path.toString();
        }
        return TestDatabase.mysqlConfigured() ? "unknown" : "batched-insert";
    }

    private static double epoch(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}

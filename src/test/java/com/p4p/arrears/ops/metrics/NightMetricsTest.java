package com.p4p.arrears.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;

import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.report.SummaryRow;
import com.p4p.arrears.support.Pushgateway.Scrape;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** What a night becomes in Prometheus' text format, without Spring or a gateway. */
class NightMetricsTest {

    static final LocalDate D = LocalDate.of(2026, 11, 26);
    static final long D_MIDNIGHT_UTC = 1_795_651_200L; // date -u -d 2026-11-26 +%s

    @Test
    void aCompletedNightCarriesItsSummaryAndBecomesTheLastCompletedDate() throws IOException {
        JobExecution night = night(BatchStatus.COMPLETED);
        Scrape m = render(NightMetrics.of(night, List.of(
                new SummaryRow("rows", "spend", "330"),
                new SummaryRow("posted", "spend", "320"),
                new SummaryRow("suspended", "spend", "10"),
                new SummaryRow("owed", "JPY", "102000"),
                new SummaryRow("accounts", "GRACE", "2"),
                new SummaryRow("late_fees", "USD", "12.50"),  // a figure added to recon_summary later
                new SummaryRow("note", "x", "not a number")), Optional.of(D), "load-data-local", Instant.now()));

        assertThat(m.value("p4p_arrears_night_success")).isEqualTo(1);
        assertThat(m.value("p4p_arrears_last_completed_business_date_seconds")).isEqualTo(D_MIDNIGHT_UTC);
        assertThat(m.value("p4p_arrears_night_business_date_seconds")).isEqualTo(D_MIDNIGHT_UTC);
        assertThat(m.value("p4p_arrears_night_duration_seconds")).isEqualTo(90);
        assertThat(m.value("p4p_arrears_input_rows", "source", "spend")).isEqualTo(330);
        assertThat(m.value("p4p_arrears_input_dispositions", "source", "spend", "disposition", "posted")).isEqualTo(320);
        assertThat(m.value("p4p_arrears_input_dispositions", "source", "spend", "disposition", "suspended")).isEqualTo(10);
        assertThat(m.value("p4p_arrears_owed", "currency", "JPY")).isEqualTo(102000);
        assertThat(m.value("p4p_arrears_accounts", "stage", "GRACE")).isEqualTo(2);
        assertThat(m.value("p4p_arrears_summary_value", "metric", "late_fees", "key", "USD")).isEqualTo(12.5);
        assertThat(m.samples("p4p_arrears_summary_value", "metric", "note")).isEmpty();
        assertThat(m.value("p4p_arrears_bulk_path_info", "path", "load-data-local")).isEqualTo(1);
        assertThat(m.samples("p4p_arrears_night_info", "business_date", "2026-11-26", "status", "COMPLETED",
                "exit_code", "COMPLETED")).hasSize(1);
    }

    @Test
    void aFailedNightSaysSoAndKeepsTheEarlierCompletedDate() throws IOException {
        Scrape m = render(NightMetrics.of(night(BatchStatus.FAILED), List.of(), Optional.of(D.minusDays(1)), "unknown",
                Instant.now()));

        assertThat(m.value("p4p_arrears_night_success")).isZero();
        assertThat(m.value("p4p_arrears_last_completed_business_date_seconds")).isEqualTo(D_MIDNIGHT_UTC - 86_400);
        assertThat(m.samples("p4p_arrears_night_info", "status", "FAILED", "exit_code", "FAILED")).hasSize(1);
        assertThat(m.samples("p4p_arrears_input_rows")).isEmpty();
    }

    @Test
    void beforeAnyNightCompletedThereIsNoLastCompletedDate() throws IOException {
        Scrape m = render(NightMetrics.of(night(BatchStatus.FAILED), List.of(), Optional.empty(), "unknown",
                Instant.now()));

        assertThat(m.samples("p4p_arrears_last_completed_business_date_seconds")).isEmpty();
    }

    private static JobExecution night(BatchStatus status) {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "nightly"),
                new RunParameters(D, java.nio.file.Path.of("in"), java.nio.file.Path.of("out"), null).toJobParameters());
        job.setStatus(status);
        job.setExitStatus(status == BatchStatus.COMPLETED ? ExitStatus.COMPLETED : ExitStatus.FAILED);
        job.setStartTime(LocalDateTime.of(2026, 11, 27, 1, 0, 0));
        job.setEndTime(LocalDateTime.of(2026, 11, 27, 1, 1, 30));
        return job;
    }

    private static Scrape render(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return new Scrape(out.toString(StandardCharsets.UTF_8));
    }
}

package com.p4p.arrears.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.Pushgateway;
import com.p4p.arrears.support.Pushgateway.Scrape;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The night whose database went away: its own figures still reach the Pushgateway, with one warning. */
@ExtendWith(OutputCaptureExtension.class)
class NightMetricsPusherTest {

    @TempDir
    Path tmp;

    @Test
    void aNightWhoseDatabaseIsGoneIsPushedWithoutTheDatabasesFigures(CapturedOutput output) throws Exception {
        try (Pushgateway gateway = Pushgateway.start(tmp)) {
            DriverManagerDataSource gone = new DriverManagerDataSource(
                    "jdbc:mysql://127.0.0.1:" + Pushgateway.freePort() + "/arrears", "root", "");
            NightMetricsPusher pusher = new NightMetricsPusher(gateway.url(), "p4p_arrears", 5, new JdbcTemplate(gone),
                    gone, new StaticListableBeanFactory().getBeanProvider(PrometheusMeterRegistry.class));

            pusher.afterJob(failedNight());

            Scrape m = gateway.scrape();
            assertThat(m.value("p4p_arrears_night_success", "job", "p4p_arrears")).isZero();
            assertThat(m.samples("p4p_arrears_night_info", "business_date", "2026-11-27", "status", "FAILED")).hasSize(1);
            assertThat(m.value("p4p_arrears_bulk_path_info", "path", "unknown")).isEqualTo(1);
            assertThat(m.samples("p4p_arrears_input_rows")).isEmpty();
            assertThat(m.samples("p4p_arrears_last_completed_business_date_seconds")).isEmpty();
            assertThat(output.getOut().lines().filter(l -> l.contains("metrics of night"))).singleElement().asString()
                    .contains("WARN", "pushed to " + gateway.url() + " without the database's figures");
        }
    }

    private static JobExecution failedNight() {
        JobExecution job = new JobExecution(7L, new JobInstance(7L, "nightly"),
                new RunParameters(LocalDate.of(2026, 11, 27), Path.of("in"), Path.of("out"), null).toJobParameters());
        job.setStatus(BatchStatus.FAILED);
        job.setExitStatus(ExitStatus.FAILED);
        job.setStartTime(LocalDateTime.now().minusMinutes(3));
        job.setEndTime(LocalDateTime.now());
        return job;
    }
}

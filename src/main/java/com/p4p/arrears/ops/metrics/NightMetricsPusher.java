package com.p4p.arrears.ops.metrics;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.report.SummaryRow;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * At each night's end, failed or not, pushes its metrics ({@link NightMetrics}) and what Micrometer
 * recorded in this process (Spring Batch's job and step timers among them) to the Pushgateway at
 * {@code pipeline.metrics.pushgateway-url}, when set. One group per pipeline ({@code job} label
 * {@code pipeline.metrics.job}), replaced by each push, so the Pushgateway holds the latest night.
 * <p>
 * An explicit push here rather than Boot's pushgateway support: Boot pushes on a schedule (mid-night
 * figures would replace the last night's) and at shutdown, which a catch-up of several nights or a
 * failed night reaches only once, if at all. Metrics never decide a night: anything going wrong here
 * (the gateway down, the database gone) is one warning line and the night's status and exit code
 * stay as they were.
 */
@Component
public class NightMetricsPusher implements JobExecutionListener {

    /** The job execution context key where the bulk writers record the path they took. */
    public static final String BULK_PATH_KEY = "pipeline.bulk-path";

    private static final Log log = LogFactory.getLog(NightMetricsPusher.class);

    private final String url;
    private final String jobLabel;
    private final Duration timeout;
    private final NightMetricsStore store;
    private final DataSource dataSource;
    private final ObjectProvider<PrometheusMeterRegistry> micrometer;

    public NightMetricsPusher(@Value("${pipeline.metrics.pushgateway-url:}") String url,
                              @Value("${pipeline.metrics.job:p4p_arrears}") String jobLabel,
                              @Value("${pipeline.metrics.timeout-seconds:10}") long timeoutSeconds,
                              JdbcTemplate jdbc, DataSource dataSource,
                              ObjectProvider<PrometheusMeterRegistry> micrometer) {
        this.url = url == null ? "" : url.trim();
        this.jobLabel = jobLabel;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        this.store = new NightMetricsStore(jdbc);
        this.dataSource = dataSource;
        this.micrometer = micrometer;
    }

    @Override
    public void afterJob(JobExecution job) {
        if (url.isEmpty()) {
            return;
        }
        LocalDate date = job.getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
        String where = withoutUserInfo(url);
        String dbProblem = null;
        try {
            Collected c = collect(job, date);
            dbProblem = c.problem();
            gateway().push((MultiCollector) () -> withMicrometer(c.night()));
        } catch (Exception | LinkageError e) {
            String why = oneLine(e);
            log.warn("metrics of night " + date + " not pushed" + (why.contains(where) ? "" : " to " + where) + ": "
                    + why + (dbProblem == null ? "" : "; nor read from the database: " + dbProblem)
                    + " (the night is unaffected)");
            return;
        }
        if (dbProblem != null) {
            log.warn("metrics of night " + date + " pushed to " + where + " without the database's figures"
                    + " (recon_summary, last completed date): " + dbProblem + " (the night is unaffected)");
        } else {
            log.info("metrics of night " + date + " (" + job.getStatus() + ") pushed to " + where + " as job "
                    + jobLabel);
        }
    }

    private record Collected(MetricSnapshots night, String problem) {
    }

    /**
     * The night's metrics. The database may be what failed the night: then its first refusal ends
     * the reading (no wait for a connection per query) and the night's own figures go without it.
     */
    private Collected collect(JobExecution job, LocalDate date) {
        List<SummaryRow> summary = List.of();
        Optional<LocalDate> lastCompleted = Optional.empty();
        Object recorded = job.getExecutionContext().get(BULK_PATH_KEY);
        String bulkPath = recorded == null || recorded.toString().isBlank() ? null : recorded.toString();
        String problem = null;
        try {
            if (date != null) {
                summary = store.summary(date);
            }
            lastCompleted = store.lastCompletedDate();
            if (bulkPath == null) {
                bulkPath = Databases.isH2(dataSource) ? "batched-insert" : "unknown"; // H2 never bulk-loads
            }
        } catch (RuntimeException e) {
            problem = oneLine(e);
        }
        return new Collected(NightMetrics.of(job, summary, lastCompleted, bulkPath == null ? "unknown" : bulkPath,
                Instant.now()), problem);
    }

    /** The night's metrics and, when the Prometheus registry is configured, all Micrometer recorded. */
    private MetricSnapshots withMicrometer(MetricSnapshots night) {
        PrometheusMeterRegistry registry = micrometer.getIfAvailable();
        if (registry == null) {
            return night;
        }
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        night.forEach(all::metricSnapshot);
        registry.getPrometheusRegistry().scrape().forEach(s -> {
            if (!all.containsMetricName(s.getMetadata().getName())) {
                all.metricSnapshot(s);
            }
        });
        return all.build();
    }

    private PushGateway gateway() {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new IllegalArgumentException("pipeline.metrics.pushgateway-url must be like http://host:9091, not "
                    + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        PushGateway.Builder b = PushGateway.builder()
                .address(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path)
                .scheme("https".equalsIgnoreCase(uri.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                .job(jobLabel)
                .format(Format.PROMETHEUS_TEXT)
                .connectionTimeout(timeout)
                .readTimeout(timeout);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            b.basicAuth(userInfo.substring(0, userInfo.indexOf(':')), userInfo.substring(userInfo.indexOf(':') + 1));
        }
        return b.build();
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("//[^/@]*@", "//");
    }

    /** The message and its causes' on one line, as a warning must be. */
    static String oneLine(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (s.indexOf(m) < 0) {
                s.append(s.isEmpty() ? "" : ": ").append(m);
            }
        }
        return s.toString().replaceAll("\\s+", " ").trim();
    }
}

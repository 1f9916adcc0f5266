package com.p4p.arrears.ops.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.StepMetrics;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.report.SummaryRow;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * One night in Prometheus form: its status and times, each step it ran, and its recon_summary rows
 * (the same figures as recon_summary.csv), plus the business date of the last completed night, so
 * that an alert can fire when tonight's has not completed in time. Plain Java: what is pushed is
 * decided here, from the job execution and the rows the store read. Names are listed in the README
 * ("Metrics"); money is a gauge (a double) for dashboards, the exact figure stays in recon_summary.
 */
public final class NightMetrics {

    public static final String PREFIX = "p4p_arrears_";

    /** The six dispositions of SPEC 8, whose sum per source is its rows. */
    private static final Set<String> DISPOSITIONS = Set.of("posted", "rejected", "duplicate", "conflict", "suspended",
            "currency_mismatch");

    /** recon_summary metrics with a name of their own: metric -> (Prometheus name, label, help). */
    private static final Map<String, String[]> NAMED = Map.ofEntries(
            Map.entry("rows", new String[]{"input_rows", "source", "Data rows read from the source's file this night"}),
            Map.entry("unsuspended", new String[]{"input_unsuspended", "source",
                    "Suspended items of the source released this night (their account arrived)"}),
            Map.entry("control_total", new String[]{"input_control_amount", "source",
                    "The source file's control total (sum of its amounts)"}),
            Map.entry("opening_balance", new String[]{"ledger_opening_balance", "currency", "Ledger opening balance"}),
            Map.entry("debits", new String[]{"ledger_debits", "currency", "Ledger debits posted this night"}),
            Map.entry("credits", new String[]{"ledger_credits", "currency", "Ledger credits posted this night"}),
            Map.entry("closing_balance", new String[]{"ledger_closing_balance", "currency", "Ledger closing balance"}),
            Map.entry("owed", new String[]{"owed", "currency", "What the accounts owe, per currency"}),
            Map.entry("breaks", new String[]{"breaks", "type", "Reconciliation breaks raised this night, per type"}),
            Map.entry("accounts", new String[]{"accounts", "stage", "Accounts per computed arrears stage"}));

    private NightMetrics() {
    }

    /**
     * @param job           the night's execution, ended (status, end time and steps set)
     * @param summary       the night's recon_summary rows (none when it failed before writing them)
     * @param lastCompleted the business date of the last completed night, this one included
     * @param bulkPath      how bulk writes went: load-data-local, batched-insert or unknown
     * @param pushTime      now
     */
    public static MetricSnapshots of(JobExecution job, List<SummaryRow> summary, Optional<LocalDate> lastCompleted,
                                     String bulkPath, Instant pushTime) {
        Gauges g = new Gauges();
        LocalDate date = job.getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
        BatchStatus status = job.getStatus();

        g.info("night", "The night's business date, batch status and exit code", Labels.of("business_date",
                String.valueOf(date), "status", status.name(), "exit_code", job.getExitStatus().getExitCode()));
        g.set("night_success", "1 when the night completed, 0 when it failed or stopped", Labels.EMPTY,
                status == BatchStatus.COMPLETED ? 1 : 0);
        if (date != null) {
            g.set("night_business_date_seconds", "The night's business date (midnight UTC) as a Unix time",
                    Labels.EMPTY, epochSeconds(date));
        }
        g.set("night_start_time_seconds", "When this execution of the night started, Unix time", Labels.EMPTY,
                epochSeconds(job.getStartTime()));
        g.set("night_end_time_seconds", "When this execution of the night ended, Unix time", Labels.EMPTY,
                epochSeconds(job.getEndTime()));
        g.set("night_duration_seconds", "Wall-clock seconds of this execution of the night", Labels.EMPTY,
                seconds(job.getStartTime(), job.getEndTime()));
        lastCompleted.ifPresent(d -> g.set("last_completed_business_date_seconds",
                "Business date (midnight UTC) of the last completed night, as a Unix time", Labels.EMPTY,
                epochSeconds(d)));
        g.info("bulk_path", "How bulk writes reached the database: load-data-local, batched-insert or unknown",
                Labels.of("path", bulkPath));
        g.set("push_time_seconds", "When these metrics were pushed, Unix time", Labels.EMPTY,
                pushTime.toEpochMilli() / 1000.0);

        for (StepExecution step : job.getStepExecutions()) {
            if (PartitionPlan.isPartition(step.getStepName())) {
                continue; // its manager step's figures are the sums of its partitions'
            }
            Labels l = Labels.of("step", step.getStepName());
            g.set("step_success", "1 when the step completed in this execution, else 0", l,
                    step.getStatus() == BatchStatus.COMPLETED ? 1 : 0);
            g.set("step_duration_seconds", "Wall-clock seconds of the step", l,
                    seconds(step.getStartTime(), step.getEndTime()));
            g.set("step_read_rows", "Items the step read", l, step.getReadCount());
            g.set("step_written_rows", "Items the step wrote", l, step.getWriteCount());
            long[] heap = StepMetrics.heapMb(step);
            if (heap != null) {
                g.set("step_heap_peak_bytes", "Peak JVM heap in use during the step (MiB resolution)", l,
                        (double) (heap[0] << 20));
            }
        }

        for (SummaryRow row : summary) {
            BigDecimal value = number(row.value());
            if (value == null) {
                continue;
            }
            String[] named = NAMED.get(row.metric());
            if (DISPOSITIONS.contains(row.metric())) {
                g.set("input_dispositions", "Rows of the source per disposition; they add up to input_rows",
                        Labels.of("source", row.key(), "disposition", row.metric()), value.doubleValue());
            } else if (named != null) {
                g.set(named[0], named[2], Labels.of(named[1], row.key()), value.doubleValue());
            } else {
                // a figure added to recon_summary later is pushed too, under its own metric and key
                g.set("summary_value", "Other recon_summary figures, by metric and key",
                        Labels.of("metric", row.metric(), "key", row.key()), value.doubleValue());
            }
        }
        return g.build();
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static double epochSeconds(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** Spring Batch keeps local date-times of this JVM's zone. */
    private static double epochSeconds(LocalDateTime time) {
        return time == null ? 0 : time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return 0;
        }
        return Duration.between(start, end == null ? LocalDateTime.now() : end).toMillis() / 1000.0;
    }

    /** Gauges and infos by name, each with its data points, in the order first set. */
    private static final class Gauges {
        private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        private final Map<String, InfoSnapshot.Builder> infos = new LinkedHashMap<>();

        void set(String name, String help, Labels labels, double value) {
            gauges.computeIfAbsent(PREFIX + name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        /** An info metric: exposed as NAME_info with the labels and the value 1. */
        void info(String name, String help, Labels labels) {
            infos.computeIfAbsent(PREFIX + name, n -> InfoSnapshot.builder().name(n).help(help))
                    .dataPoint(InfoDataPointSnapshot.builder().labels(labels).build());
        }

        MetricSnapshots build() {
            MetricSnapshots.Builder all = MetricSnapshots.builder();
            infos.values().forEach(b -> all.metricSnapshot(b.build()));
            gauges.values().forEach(b -> all.metricSnapshot((MetricSnapshot) b.build()));
            return all.build();
        }
    }
}

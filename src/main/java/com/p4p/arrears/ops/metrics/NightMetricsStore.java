package com.p4p.arrears.ops.metrics;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.NightlyJobConfiguration;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.report.SummaryRow;

/** What the metrics read from the database: a night's recon_summary and the last completed night. */
public class NightMetricsStore {

    private final JdbcTemplate jdbc;

    public NightMetricsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows writeOutputs stored for the date (none when the night failed before). */
    public List<SummaryRow> summary(LocalDate businessDate) {
        return jdbc.query("SELECT metric, metric_key, metric_value FROM recon_summary WHERE business_date = ?"
                + " ORDER BY metric, metric_key", (rs, i) -> new SummaryRow(rs.getString(1), rs.getString(2),
                rs.getString(3)), Date.valueOf(businessDate));
    }

    /**
     * The business date of the last completed night. Spring Batch has stored the ending night's status
     * before its listeners run, so a night that just completed counts.
     */
    public Optional<LocalDate> lastCompletedDate() {
        String last = jdbc.queryForObject("SELECT MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND e.STATUS = 'COMPLETED'", String.class,
                NightlyJobConfiguration.JOB_NAME, RunParameters.BUSINESS_DATE);
        return Optional.ofNullable(last).map(LocalDate::parse); // ISO dates: the greatest string is the latest
    }
}

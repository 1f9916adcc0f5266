package com.p4p.arrears.report;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Writes a lift's four files into {@code <output>/yyyyMMdd/intraday/HHmmss/} (SPEC 13), each atomically,
 * from the database (a rerun writes the same bytes): enforcement_actions.csv, rejects.csv,
 * recon_breaks.csv (the breaks the file raised) and recon_summary.csv (the file's dispositions and
 * control total, and its breaks by type). Fails, writing nothing, when the file's rows are not all
 * accounted for.
 */
public class LiftOutputsTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final String fileTime;
    private final Path outputRoot;
    private final Policy policy;
    private final JdbcTemplate jdbc;

    public LiftOutputsTasklet(LocalDate businessDate, String fileTime, Path outputRoot, Policy policy, JdbcTemplate jdbc) {
        this.businessDate = businessDate;
        this.fileTime = fileTime;
        this.outputRoot = outputRoot;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    /** Where a lift's files go. */
    public static Path directory(Path outputRoot, LocalDate businessDate, String fileTime) {
        return outputRoot.resolve(Source.FILE_DATE.format(businessDate)).resolve("intraday").resolve(fileTime);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Date day = Date.valueOf(businessDate);
        List<SummaryRow> summary = summary(day);
        Path dir = directory(outputRoot, businessDate, fileTime);
        String d = businessDate.toString();

        AccountFile actions = AccountFile.ENFORCEMENT_ACTIONS;
        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve(actions.fileName()), actions.header())) {
            jdbc.query("SELECT " + OutputRows.ACTION_COLUMNS + " FROM intraday_action WHERE business_date = ?"
                    + " AND file_time = ? ORDER BY account_id, seq", rs -> {
                        out.row(OutputRows.action(d, rs, policy));
                    }, day, fileTime);
            out.commit();
            contribution.incrementWriteCount(out.rows());
        }

        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("rejects.csv"), "business_date", "source",
                "line_number", "reason", "raw_line")) {
            jdbc.query("SELECT line_number, reason, raw_line FROM intraday_reject WHERE business_date = ?"
                    + " AND file_time = ? ORDER BY line_number", rs -> {
                        out.row(d, Source.PAYMENTS.code(), Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3));
                    }, day, fileTime);
            out.commit();
        }

        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("recon_breaks.csv"), OutputRows.BREAKS_HEADER)) {
            // resolved_date stays empty here: this file lists the breaks as the lift raised them
            jdbc.query("SELECT " + OutputRows.BREAK_COLUMNS + " FROM recon_break WHERE business_date = ?"
                    + " AND intraday_file = ? ORDER BY break_type, reference, source, break_id", rs -> {
                        out.row(OutputRows.recordedBreak(d, rs, policy, ""));
                    }, day, fileTime);
            out.commit();
        }

        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("recon_summary.csv"), "business_date", "metric", "key",
                "value")) {
            summary.forEach(r -> out.row(d, r.metric(), r.key(), r.value()));
            out.commit();
        }
        return RepeatStatus.FINISHED;
    }

    private List<SummaryRow> summary(Date day) {
        Object[] file = jdbc.queryForObject("SELECT data_rows, control_total FROM intraday_file WHERE business_date = ?"
                + " AND file_time = ?", (rs, i) -> new Object[]{rs.getLong(1), rs.getString(2)}, day, fileTime);
        FileTally t = FileTally.sum(jdbc, "intraday_tally", "business_date = ? AND file_time = ?", day, fileTime);
        String key = Source.PAYMENTS.code();
        List<SummaryRow> rows = new ArrayList<>();
        t.addTo(rows, key);
        long accounted = t.accounted();
        if (accounted != t.rows() || t.rows() != (Long) file[0]) {
            throw new IllegalStateException("lift of " + businessDate + " " + fileTime + ": the trailer vouched for "
                    + file[0] + " rows, " + t.rows() + " were read and " + accounted + " have a disposition");
        }
        rows.add(new SummaryRow("control_total", key, (String) file[1]));
        Map<String, Long> breaks = new HashMap<>();
        jdbc.query("SELECT break_type, COUNT(*) FROM recon_break WHERE business_date = ? AND intraday_file = ?"
                + " GROUP BY break_type", rs -> {
                    breaks.put(rs.getString(1), rs.getLong(2));
                }, day, fileTime);
        for (BreakType type : BreakType.values()) {
            rows.add(new SummaryRow("breaks", type.name(), Long.toString(breaks.getOrDefault(type.name(), 0L))));
        }
        rows.sort(Comparator.comparing(SummaryRow::metric, Formats.BYTE_ORDER)
                .thenComparing(SummaryRow::key, Formats.BYTE_ORDER));
        return rows;
    }
}

package com.p4p.arrears.report;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.policy.Policy;

/**
 * Writes the night's six output files and runway.csv into {@code <output>/yyyyMMdd/} (SPEC 8, 10), every one every run,
 * each atomically, after the summary's invariants hold, and then finance's report.html beside them. The files
 * sorted by account are put together from the parts the writeAccountFiles step wrote ({@link PartFiles}); the
 * others' rows come from the database. Either way a rerun of this step writes the same bytes.
 */
public class NightlyOutputsTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final Path outputRoot;
    private final Policy policy;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public NightlyOutputsTasklet(LocalDate businessDate, Path outputRoot, Policy policy, JdbcTemplate jdbc,
                                 JdbcTemplate streaming) {
        this.businessDate = businessDate;
        this.outputRoot = outputRoot;
        this.policy = policy;
        this.jdbc = jdbc;
        this.streaming = streaming;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<SummaryRow> summary = new ReconSummaryBuilder(jdbc, policy).build(businessDate);
        storeSummary(summary);
        Path dir = outputRoot.resolve(Source.FILE_DATE.format(businessDate));
        String d = businessDate.toString();
        Date day = Date.valueOf(businessDate);

        // the account-sorted files from the parts writeAccountFiles wrote, in range order
        PartFiles parts = new PartFiles(outputRoot, businessDate);
        for (AccountFile file : List.of(AccountFile.ACCOUNT_STATUS, AccountFile.ENFORCEMENT_ACTIONS,
                AccountFile.CREDIT_IMPACT)) {
            parts.assemble(dir.resolve(file.fileName()), file.header());
        }

        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("recon_breaks.csv"), OutputRows.BREAKS_HEADER)) {
            // Two index lookups (raised by tonight's night, not by a lift of the date; resolved tonight, raised
            // before or by a lift): with OR, MariaDB scanned every break of every night so far, each night.
            String columns = "break_id, break_type, source, reference, account_id, expected, actual, difference,"
                    + " currency, resolved_date, business_date, line_number";
            streaming.query("SELECT " + OutputRows.BREAK_COLUMNS + ", resolved_date FROM (SELECT " + columns + " FROM recon_break WHERE business_date = ?"
                    + " AND intraday_file IS NULL UNION ALL SELECT " + columns + " FROM recon_break"
                    + " WHERE resolved_date = ? AND (business_date <> ? OR intraday_file IS NOT NULL)) b"
                    // ties (an id conflicting twice...) in the order one thread raises them: older nights first, a
                    // release (no line) before tonight's rows, rows by line; partitions insert in any order
                    + " ORDER BY break_type, reference, source, business_date, COALESCE(line_number, 0), break_id",
                    rs -> {
                        out.row(OutputRows.recordedBreak(d, rs, policy, Formats.date(rs.getObject(9, LocalDate.class))));
                    }, day, day, day);
            out.commit();
        }

        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("recon_summary.csv"), "business_date", "metric", "key",
                "value")) {
            summary.forEach(r -> out.row(d, r.metric(), r.key(), r.value()));
            out.commit();
        }

        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("rejects.csv"), "business_date", "source",
                "line_number", "reason", "raw_line")) {
            streaming.query("SELECT source, line_number, reason, raw_line FROM reject_row WHERE business_date = ?"
                    + " ORDER BY source, line_number", rs -> {
                        out.row(d, rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4));
                    }, day);
            out.commit();
        }

        // SPEC 10: every night, header only without a runway block (then nothing was forecast)
        parts.assemble(dir.resolve(AccountFile.RUNWAY.fileName()), AccountFile.RUNWAY.header());

        // finance's one-page view of the night, from the same summary rows as recon_summary.csv
        AtomicTextFile.write(dir.resolve("report.html"),
                new FinanceReportHtml().render(new FinanceReportLoader(jdbc, policy).load(businessDate, summary),
                        DayLifts.load(jdbc, businessDate, mostSevereFirst())));
        parts.delete();
        return RepeatStatus.FINISHED;
    }

    private List<String> mostSevereFirst() {
        List<String> stages = new java.util.ArrayList<>(policy.stageNames());
        java.util.Collections.reverse(stages);
        return stages;
    }

    private void storeSummary(List<SummaryRow> summary) {
        Date day = Date.valueOf(businessDate);
        jdbc.update("DELETE FROM recon_summary WHERE business_date = ?", day);
        jdbc.batchUpdate("INSERT INTO recon_summary (business_date, metric, metric_key, metric_value) VALUES (?,?,?,?)",
                summary, summary.size(), (ps, r) -> {
                    ps.setDate(1, day);
                    ps.setString(2, r.metric());
                    ps.setString(3, r.key());
                    ps.setString(4, r.value());
                });
    }

}

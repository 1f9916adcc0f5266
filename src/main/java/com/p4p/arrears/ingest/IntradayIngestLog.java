package com.p4p.arrears.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of one lifted intraday file (SPEC 13): its rejects, chunk tallies and verified figures,
 * kept apart from the night's (which share the business date and the payments source) under the
 * file's time. Used by the same posting writer as the nightly payments file.
 */
public class IntradayIngestLog extends IngestLog {

    private final JdbcTemplate jdbc;
    private final String fileTime;

    public IntradayIngestLog(JdbcTemplate jdbc, String fileTime) {
        super(jdbc);
        this.jdbc = jdbc;
        this.fileTime = fileTime;
    }

    @Override
    public void insertRejects(LocalDate businessDate, Source source, List<Validated.Rejected<?>> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO intraday_reject (business_date, file_time, line_number, reason, raw_line)"
                + " VALUES (?,?,?,?,?)", rejects, rejects.size(), (ps, r) -> {
                    ps.setDate(1, Date.valueOf(businessDate));
                    ps.setString(2, fileTime);
                    ps.setLong(3, r.lineNumber());
                    ps.setString(4, r.reason().name());
                    ps.setString(5, r.raw());
                });
    }

    @Override
    public void insertTally(LocalDate businessDate, Source source, Tally t) {
        jdbc.update("INSERT INTO intraday_tally (business_date, file_time, first_line, rows_read, posted, rejected,"
                + " duplicate, conflict, suspended, currency_mismatch) VALUES (?,?,?,?,?,?,?,?,?,?)",
                Date.valueOf(businessDate), fileTime, t.firstLine, t.rows, t.posted, t.rejected, t.duplicate,
                t.conflict, t.suspended, t.currencyMismatch);
    }

    @Override
    public void recordVerifiedFile(LocalDate businessDate, VerifiedFile file) {
        jdbc.update("DELETE FROM intraday_file WHERE business_date = ? AND file_time = ?", Date.valueOf(businessDate),
                fileTime);
        jdbc.update("INSERT INTO intraday_file (business_date, file_time, file_name, data_rows, control_total)"
                + " VALUES (?,?,?,?,?)", Date.valueOf(businessDate), fileTime, file.path().toString(), file.dataRows(),
                file.controlTotal() == null ? null : file.controlTotal().toPlainString());
    }
}

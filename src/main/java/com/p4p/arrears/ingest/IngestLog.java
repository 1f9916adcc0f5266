package com.p4p.arrears.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Rejected rows and per-chunk disposition tallies: the record that every row is accounted for. */
@Repository
public class IngestLog {

    private final JdbcTemplate jdbc;

    public IngestLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertRejects(LocalDate businessDate, Source source, List<Validated.Rejected<?>> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO reject_row (business_date, source, line_number, reason, raw_line) VALUES (?,?,?,?,?)",
                rejects, rejects.size(), (ps, r) -> {
                    ps.setDate(1, Date.valueOf(businessDate));
                    ps.setString(2, source.code());
                    ps.setLong(3, r.lineNumber());
                    ps.setString(4, r.reason().name());
                    ps.setString(5, r.raw());
                });
    }

    public void insertTally(LocalDate businessDate, Source source, Tally t) {
        jdbc.update("INSERT INTO ingest_tally (business_date, source, first_line, rows_read, posted, rejected, duplicate,"
                + " conflict, suspended, currency_mismatch) VALUES (?,?,?,?,?,?,?,?,?,?)",
                Date.valueOf(businessDate), source.code(), t.firstLine, t.rows, t.posted, t.rejected, t.duplicate,
                t.conflict, t.suspended, t.currencyMismatch);
    }

    public void recordVerifiedFile(LocalDate businessDate, VerifiedFile file) {
        jdbc.update("DELETE FROM input_file WHERE business_date = ? AND source = ?", Date.valueOf(businessDate), file.source().code());
        jdbc.update("INSERT INTO input_file (business_date, source, file_name, data_rows, control_total) VALUES (?,?,?,?,?)",
                Date.valueOf(businessDate), file.source().code(), file.path().toString(), file.dataRows(),
                file.controlTotal() == null ? null : file.controlTotal().toPlainString());
    }

    /** Row dispositions of one chunk. */
    public static final class Tally {
        final long firstLine;
        int rows;
        public int posted;
        public int rejected;
        public int duplicate;
        public int conflict;
        public int suspended;
        public int currencyMismatch;

        public Tally(long firstLine, int rows) {
            this.firstLine = firstLine;
            this.rows = rows;
        }
    }
}

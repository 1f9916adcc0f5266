package com.p4p.arrears.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.p4p.arrears.db.BulkLoad;

/** Rejected rows and per-chunk disposition tallies: the record that every row is accounted for. */
@Repository
public class IngestLog {

    private static final int LOAD_SLICE = 50_000;

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
        Date day = Date.valueOf(businessDate);
        String source = file.source().code();
        DeliveryScan.Plan plan = file.plan();
        jdbc.update("DELETE FROM input_file WHERE business_date = ? AND source = ?", day, source);
        jdbc.update("INSERT INTO input_file (business_date, source, file_name, data_rows, control_total, trailer_line,"
                        + " trailer_byte) VALUES (?,?,?,?,?,?,?)",
                day, source, file.path().toString(), file.dataRows(),
                file.controlTotal() == null ? null : file.controlTotal().toPlainString(),
                plan == null ? null : plan.trailerLine(), plan == null ? null : plan.trailerByte());
        // a re-delivered file replaces the plan of the one verified before
        jdbc.update("DELETE FROM input_mark WHERE business_date = ? AND source = ?", day, source);
        jdbc.update("DELETE FROM deferred_row WHERE business_date = ? AND source = ?", day, source);
        if (plan == null) {
            return;
        }
        BulkLoad rows = new BulkLoad();
        for (int i = 0; i < plan.markCount(); i++) {
            DeliveryScan.Mark m = plan.mark(i);
            rows.date(businessDate).text(source).number(m.ordinal()).number(m.line()).number(m.byteOffset()).endRow();
        }
        rows.into(jdbc, "input_mark", "business_date, source, ordinal, line_number, byte_offset");
        rows.clear();
        long[] lines = plan.deferredLines();
        long[] bytes = plan.deferredBytes();
        for (int i = 0; i < lines.length; i++) {
            rows.date(businessDate).text(source).number(lines[i]).number(bytes[i]).endRow();
            if (rows.rows() == LOAD_SLICE || i == lines.length - 1) {
                rows.into(jdbc, "deferred_row", "business_date, source, line_number, byte_offset");
                rows.clear();
            }
        }
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

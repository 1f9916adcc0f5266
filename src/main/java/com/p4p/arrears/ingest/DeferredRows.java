package com.p4p.arrears.ingest;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The deferred rows verifyDelivery recorded for a file (deferred_row), by line. */
@Repository
public class DeferredRows {

    private final JdbcTemplate jdbc;

    public DeferredRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The deferred rows on lines [fromLine, toLine): {lines, byte offsets}, by line. */
    public long[][] between(LocalDate businessDate, Source source, long fromLine, long toLine) {
        long[][] out = {new long[64], new long[64]};
        int[] n = {0};
        jdbc.query("SELECT line_number, byte_offset FROM deferred_row WHERE business_date = ? AND source = ?"
                + " AND line_number >= ? AND line_number < ? ORDER BY line_number", rs -> {
                    if (n[0] == out[0].length) {
                        out[0] = Arrays.copyOf(out[0], 2 * n[0]);
                        out[1] = Arrays.copyOf(out[1], 2 * n[0]);
                    }
                    out[0][n[0]] = rs.getLong(1);
                    out[1][n[0]++] = rs.getLong(2);
                }, Date.valueOf(businessDate), source.code(), fromLine, toLine);
        return new long[][]{Arrays.copyOf(out[0], n[0]), Arrays.copyOf(out[1], n[0])};
    }

    /** Every deferred row of the file. */
    public long[][] all(LocalDate businessDate, Source source) {
        return between(businessDate, source, 0, Long.MAX_VALUE);
    }
}

package com.p4p.arrears.report;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One input file's counts, summed over its tally rows (one per chunk): rows read and each disposition,
 * as recon_summary lists them. The night's files and a lift's file keep their tallies in different
 * tables (ingest_tally, intraday_tally) of the same columns.
 *
 * @param dispositions in the order of {@link FinanceReport.FileControl#DISPOSITIONS}
 */
record FileTally(long rows, long[] dispositions) {

    /**
     * @param table ingest_tally or intraday_tally
     * @param where the file's tally rows, e.g. {@code business_date = ? AND source = ?}
     */
    static FileTally sum(JdbcTemplate jdbc, String table, String where, Object... args) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(rows_read),0), COALESCE(SUM(posted),0),"
                + " COALESCE(SUM(rejected),0), COALESCE(SUM(duplicate),0), COALESCE(SUM(conflict),0),"
                + " COALESCE(SUM(suspended),0), COALESCE(SUM(currency_mismatch),0) FROM " + table
                + " WHERE " + where, (rs, i) -> {
                    long[] d = new long[FinanceReport.FileControl.DISPOSITIONS.size()];
                    for (int c = 0; c < d.length; c++) {
                        d[c] = rs.getLong(c + 2);
                    }
                    return new FileTally(rs.getLong(1), d);
                }, args);
    }

    /** How many rows have a disposition (every row read should have exactly one). */
    long accounted() {
        long sum = 0;
        for (long d : dispositions) {
            sum += d;
        }
        return sum;
    }

    /** recon_summary's rows of the file: rows, then each disposition. */
    void addTo(List<SummaryRow> rows, String key) {
        rows.add(new SummaryRow("rows", key, Long.toString(this.rows)));
        for (int d = 0; d < dispositions.length; d++) {
            rows.add(new SummaryRow(FinanceReport.FileControl.DISPOSITIONS.get(d), key, Long.toString(dispositions[d])));
        }
    }
}

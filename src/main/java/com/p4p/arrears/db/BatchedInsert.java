package com.p4p.arrears.db;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link BulkLoad}'s path where LOAD DATA LOCAL is refused ({@link BulkPath#BATCHED_INSERT}): the same
 * values, as the server would read them from the load, in multi-row INSERT, INSERT IGNORE or REPLACE
 * statements on the connection of the caller's transaction, slice by slice, each slice checked by
 * {@link StrictCounts} as a load is.
 */
final class BatchedInsert {

    /** Rows per statement: a few round trips per chunk, far below any packet limit. */
    private static final int SLICE_ROWS = 2_000;
    private static final int SLICE_BYTES = 2 << 20;
    /** Below the server's limit of placeholders per prepared statement, should the driver prepare on the server. */
    private static final int SLICE_PARAMETERS = 60_000;

    private BatchedInsert() {
    }

    /** @param verb INSERT, INSERT IGNORE (with {@code duplicatesAllowed}) or REPLACE */
    static BulkLoad.Loaded run(JdbcTemplate jdbc, String verb, String table, String columns, BulkLoad rows,
                               boolean duplicatesAllowed) {
        int width = columns.split(",").length;
        List<String[]> values = rows.values(width);
        long averageBytes = Math.max(1, rows.byteSize() / rows.rows());
        int slice = (int) Math.max(1, Math.min(Math.min(SLICE_ROWS, SLICE_PARAMETERS / width), SLICE_BYTES / averageBytes));
        boolean replace = verb.equals("REPLACE");
        return jdbc.execute((ConnectionCallback<BulkLoad.Loaded>) connection -> {
            long inserted = 0;
            List<String> keys = new ArrayList<>();
            String fullSql = null;
            for (int from = 0; from < values.size(); from += slice) {
                int n = Math.min(slice, values.size() - from);
                String sql = n == slice && fullSql != null ? fullSql : insertSql(verb, table, columns, width, n);
                if (n == slice) {
                    fullSql = sql;
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int p = 1;
                    for (int r = from; r < from + n; r++) {
                        for (String v : values.get(r)) {
                            if (v == null) {
                                statement.setNull(p++, Types.VARCHAR);
                            } else {
                                statement.setString(p++, v);
                            }
                        }
                    }
                    long affected = statement.executeLargeUpdate();
                    if (replace) {
                        StrictCounts.replaced("replacing " + n + " rows in " + table, n, affected, statement.getWarnings());
                        inserted += n;
                        continue;
                    }
                    BulkLoad.Loaded done = StrictCounts.inserted(connection, "inserting " + n + " rows into " + table, n,
                            affected, statement.getWarnings(), duplicatesAllowed);
                    inserted += done.inserted();
                    keys = keys == null || done.duplicateKeys() == null ? null : keys;
                    if (keys != null) {
                        keys.addAll(done.duplicateKeys());
                    }
                }
            }
            return new BulkLoad.Loaded(inserted, keys);
        });
    }

    private static String insertSql(String verb, String table, String columns, int width, int rows) {
        StringBuilder row = new StringBuilder(2 * width + 1).append('(');
        for (int c = 0; c < width; c++) {
            row.append(c == 0 ? "?" : ",?");
        }
        row.append(')');
        StringBuilder sql = new StringBuilder(64 + rows * (row.length() + 1));
        sql.append(verb).append(" INTO ").append(table).append(" (").append(columns).append(") VALUES ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ",").append(row);
        }
        return sql.toString();
    }
}

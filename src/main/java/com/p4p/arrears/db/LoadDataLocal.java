package com.p4p.arrears.db;

import java.io.ByteArrayInputStream;
import java.sql.Statement;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import com.mysql.cj.jdbc.JdbcStatement;

/**
 * {@link BulkLoad}'s fast path: its rows as one {@code LOAD DATA LOCAL INFILE}, streamed from memory by
 * the driver ({@link JdbcStatement#setLocalInfileInputStream}) on the connection of the caller's
 * transaction, and checked by {@link StrictCounts} (with LOCAL the server turns errors into warnings).
 */
final class LoadDataLocal {

    private LoadDataLocal() {
    }

    /** Loads {@code rows} rows, {@code data[0, length)}; see {@link StrictCounts#inserted}. */
    static BulkLoad.Loaded insert(JdbcTemplate jdbc, byte[] data, int length, int rows, String table, String columns,
                                  boolean duplicatesAllowed) {
        String sql = sql(table, "", columns);
        return jdbc.execute((ConnectionCallback<BulkLoad.Loaded>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(data, 0, length));
                long inserted = statement.executeLargeUpdate(sql);
                return StrictCounts.inserted(connection, "loading " + rows + " rows into " + table, rows, inserted,
                        statement.getWarnings(), duplicatesAllowed);
            }
        });
    }

    /** Loads {@code rows} rows, each replacing the row with its key; see {@link StrictCounts#replaced}. */
    static void replace(JdbcTemplate jdbc, byte[] data, int length, int rows, String table, String columns) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(data, 0, length));
                long affected = statement.executeLargeUpdate(sql(table, "REPLACE", columns));
                StrictCounts.replaced("loading " + rows + " rows into " + table, rows, affected, statement.getWarnings());
            }
            return null;
        });
    }

    private static String sql(String table, String mode, String columns) {
        return "LOAD DATA LOCAL INFILE '" + table + ".tsv' " + mode + " INTO TABLE " + table + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + columns + ")";
    }
}

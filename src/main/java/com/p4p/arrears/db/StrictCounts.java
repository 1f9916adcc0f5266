package com.p4p.arrears.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a bulk statement (a LOAD DATA LOCAL or a multi-row INSERT/REPLACE) did exactly what it was
 * asked, from the rows it affected and the warnings the server gave; it fails otherwise. Both paths of
 * {@link BulkLoad} check through here, so they are equally strict: every row inserted as given, or
 * (REPLACE) replacing the row with its key, or (when allowed) skipped as a duplicate key, and nothing else.
 */
final class StrictCounts {

    /** MySQL's "Duplicate entry ... for key ...". */
    private static final int ER_DUP_ENTRY = 1062;

    private StrictCounts() {
    }

    /**
     * A REPLACE of {@code rows} rows: each row inserted or replacing one (which counts twice: deleted
     * and inserted), and no warning.
     *
     * @param what the statement, for the error: "loading 3 rows into t"
     */
    static void replaced(String what, long rows, long affected, SQLWarning warning) {
        if (affected < rows || affected > 2L * rows || warning != null) {
            throw new IllegalStateException(what + " affected " + affected + warned(warning));
        }
    }

    /**
     * An INSERT of {@code rows} rows: every row inserted and no warning; with {@code duplicatesAllowed}
     * (INSERT IGNORE, or a load without REPLACE) the rows not inserted may be duplicate keys, one
     * warning each, and nothing else.
     *
     * @param connection where the statement ran, to count its warnings (the driver lists only some)
     */
    static BulkLoad.Loaded inserted(Connection connection, String what, long rows, long inserted, SQLWarning warning,
                                    boolean duplicatesAllowed) throws SQLException {
        if (inserted == rows && warning == null) {
            return new BulkLoad.Loaded(inserted, List.of());
        }
        if (duplicatesAllowed && onlyDuplicateKeys(warning)) {
            long warnings;
            try (Statement count = connection.createStatement();
                 ResultSet rs = count.executeQuery("SHOW COUNT(*) WARNINGS")) {
                rs.next();
                warnings = rs.getLong(1);
            }
            if (warnings == rows - inserted) {
                // one duplicate-key warning per skipped row, and nothing else
                return new BulkLoad.Loaded(inserted, duplicateKeys(warning, warnings));
            }
        }
        throw new IllegalStateException(what + " inserted " + inserted + warned(warning));
    }

    private static String warned(SQLWarning warning) {
        return warning == null ? "" : "; the database warned: " + warning.getMessage();
    }

    /** The quoted key values of the listed warnings, or null unless all {@code count} were listed. */
    private static List<String> duplicateKeys(SQLWarning warning, long count) {
        List<String> keys = new ArrayList<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            String message = w.getMessage();
            int open = message == null ? -1 : message.indexOf('\'');
            int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
            if (close < 0) {
                return null;
            }
            keys.add(message.substring(open + 1, close));
        }
        return keys.size() == count ? keys : null;
    }

    private static boolean onlyDuplicateKeys(SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            if (w.getErrorCode() != ER_DUP_ENTRY) {
                return false;
            }
        }
        return true;
    }
}

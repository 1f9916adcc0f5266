package com.p4p.arrears.db;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import com.mysql.cj.jdbc.JdbcStatement;

/**
 * Rows for MySQL's {@code LOAD DATA LOCAL INFILE}, built in memory and streamed to the server by the
 * driver ({@link JdbcStatement#setLocalInfileInputStream}): no file, no per-row statement, no
 * client-side parameter binding. The load runs on the connection of the caller's transaction, so it
 * commits or rolls back with the chunk like any insert.
 * <p>
 * With LOCAL the server turns errors into warnings (a duplicate key is skipped, a too long value
 * truncated), so {@link #into} checks that every row was inserted and that nothing was warned about,
 * and fails (rolling the chunk back) otherwise: a load is exactly as strict as the inserts it replaces.
 * <p>
 * Format: tab-separated, LF-terminated, backslash escapes, {@code \N} for NULL, UTF-8.
 * <p>
 * Where the server or the driver refuses LOAD DATA LOCAL ({@link BulkPath}), the same rows go as
 * multi-row INSERT (REPLACE, INSERT IGNORE) statements of the same values, checked the same way: a
 * plain insert fails on a duplicate key, and every row must be inserted with no warning.
 */
public final class BulkLoad {

    /** MySQL's "Duplicate entry ... for key ...". */
    private static final int ER_DUP_ENTRY = 1062;

    private byte[] buf;
    private int size;
    private int rows;
    private boolean rowStarted;

    public BulkLoad() {
        this(1 << 16);
    }

    /** Rows expected to take about {@code capacity} bytes (it grows beyond if needed). */
    public BulkLoad(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Appends a text value (null is NULL). */
    public BulkLoad text(String value) {
        separator();
        if (value == null) {
            return raw('\\').raw('N');
        }
        int n = value.length();
        ensure(2 * n); // escaping at most doubles an ASCII value
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                escapeUtf8(value.substring(i));
                return this;
            }
            escaped(c);
        }
        return this;
    }

    public BulkLoad number(long value) {
        separator();
        if (value < 0) {
            return ascii(Long.toString(value));
        }
        // digits written straight into the buffer: no String per value (a chunk has thousands)
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        ensure(digits);
        fixedDigits(value, digits);
        return this;
    }

    /** Appends a whole number, or NULL. */
    public BulkLoad number(Long value) {
        return value == null ? text(null) : number(value.longValue());
    }

    public BulkLoad decimal(BigDecimal value) {
        if (value == null) {
            return text(null);
        }
        separator();
        return ascii(value.toPlainString());
    }

    /** Appends a date as yyyy-MM-dd, or NULL. */
    public BulkLoad date(LocalDate value) {
        if (value == null) {
            return text(null);
        }
        separator();
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return ascii(value.toString());
        }
        // written digit by digit: LocalDate.toString builds a StringBuilder and a String per call
        ensure(10);
        fixedDigits(year, 4);
        buf[size++] = '-';
        fixedDigits(value.getMonthValue(), 2);
        buf[size++] = '-';
        fixedDigits(value.getDayOfMonth(), 2);
        return this;
    }

    /** Writes the last {@code width} digits of a non-negative value; the caller has ensured the room. */
    private void fixedDigits(long value, int width) {
        long v = value;
        for (int at = size + width - 1; at >= size; at--) {
            buf[at] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
    }

    public BulkLoad endRow() {
        raw('\n');
        rows++;
        rowStarted = false;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** Appends a whole row as {@link #bytes} gave it (ending in its line feed). */
    public BulkLoad line(byte[] row) {
        if (rowStarted || row.length == 0 || row[row.length - 1] != '\n') {
            throw new IllegalArgumentException("not a whole row");
        }
        ensure(row.length);
        System.arraycopy(row, 0, buf, size, row.length);
        size += row.length;
        rows++;
        return this;
    }

    /** The rows so far, as they are sent to the server. */
    public byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }

    /** Empties the buffer, keeping its room, to build other rows. */
    public void clear() {
        size = 0;
        rows = 0;
        rowStarted = false;
    }

    /** The rows as they are sent to the server. */
    String payload() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    /**
     * Loads the rows into {@code table (columns)} on the current transaction's connection.
     *
     * @throws IllegalStateException when the server did not insert every row exactly as given
     */
    public void into(JdbcTemplate jdbc, String table, String columns) {
        load(jdbc, table, columns, false);
    }

    /**
     * Loads the rows, each replacing the row with the same primary key if there is one (for a table
     * whose every column is loaded, that is an upsert); fails on any warning.
     */
    public void replacing(JdbcTemplate jdbc, String table, String columns) {
        if (rows == 0) {
            return;
        }
        if (batched(jdbc)) {
            insertBatched(jdbc, "REPLACE", table, columns, false);
            return;
        }
        byte[] data = buf;
        int length = size;
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(data, 0, length));
                long affected = statement.executeLargeUpdate(sql(table, "REPLACE", columns));
                SQLWarning warning = statement.getWarnings();
                // a replaced row counts twice (deleted and inserted)
                if (affected < rows || affected > 2L * rows || warning != null) {
                    throw new IllegalStateException("loading " + rows + " rows into " + table + " affected " + affected
                            + (warning == null ? "" : "; the database warned: " + warning.getMessage()));
                }
            }
            return null;
        });
    }

    private static String sql(String table, String mode, String columns) {
        return "LOAD DATA LOCAL INFILE '" + table + ".tsv' " + mode + " INTO TABLE " + table + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + columns + ")";
    }

    /**
     * What a load that may skip duplicate keys did.
     *
     * @param inserted      how many rows were inserted
     * @param duplicateKeys the values of the duplicate keys the server reported for the skipped rows (as
     *                      MySQL writes them: a multi-column key's values joined by '-'), or null when it
     *                      did not report them all (it lists at most max_error_count warnings)
     */
    public record Loaded(long inserted, List<String> duplicateKeys) {
    }

    /**
     * Loads the rows, letting the server skip those whose unique key is already taken, and nothing
     * else: the load fails unless every row was inserted exactly as given or skipped as a duplicate key.
     */
    public Loaded intoSkippingDuplicateKeys(JdbcTemplate jdbc, String table, String columns) {
        return load(jdbc, table, columns, true);
    }

    private Loaded load(JdbcTemplate jdbc, String table, String columns, boolean duplicatesAllowed) {
        if (rows == 0) {
            return new Loaded(0, List.of());
        }
        if (batched(jdbc)) {
            return insertBatched(jdbc, duplicatesAllowed ? "INSERT IGNORE" : "INSERT", table, columns, duplicatesAllowed);
        }
        byte[] data = buf;
        int length = size;
        String sql = sql(table, "", columns);
        return jdbc.execute((ConnectionCallback<Loaded>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(data, 0, length));
                long inserted = statement.executeLargeUpdate(sql);
                SQLWarning warning = statement.getWarnings();
                if (inserted == rows && warning == null) {
                    return new Loaded(inserted, List.of());
                }
                if (duplicatesAllowed && onlyDuplicateKeys(warning)) {
                    long warnings;
                    try (ResultSet count = statement.executeQuery("SHOW COUNT(*) WARNINGS")) {
                        count.next();
                        warnings = count.getLong(1);
                    }
                    if (warnings == rows - inserted) {
                        // one duplicate-key warning per skipped row, and nothing else
                        return new Loaded(inserted, duplicateKeys(warning, warnings));
                    }
                }
                throw new IllegalStateException("loading " + rows + " rows into " + table + " inserted " + inserted
                        + (warning == null ? "" : "; the database warned: " + warning.getMessage()));
            }
        });
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

    private static boolean batched(JdbcTemplate jdbc) {
        return BulkPath.of(jdbc.getDataSource()) == BulkPath.BATCHED_INSERT;
    }

    /** Rows per statement of the batched path: a few round trips per chunk, far below any packet limit. */
    private static final int SLICE_ROWS = 2_000;
    private static final int SLICE_BYTES = 2 << 20;
    /** Below the server's limit of placeholders per prepared statement, should the driver prepare on the server. */
    private static final int SLICE_PARAMETERS = 60_000;

    /**
     * The batched path: the rows as multi-row {@code verb} statements on the current transaction's
     * connection, slice by slice, each checked as a load is (every row inserted, no warning; with
     * {@code duplicatesAllowed}, INSERT IGNORE's skipped rows may only be duplicate keys).
     */
    private Loaded insertBatched(JdbcTemplate jdbc, String verb, String table, String columns, boolean duplicatesAllowed) {
        int width = columns.split(",").length;
        List<String[]> values = values(width);
        long averageBytes = Math.max(1, size / rows);
        int slice = (int) Math.max(1, Math.min(Math.min(SLICE_ROWS, SLICE_PARAMETERS / width), SLICE_BYTES / averageBytes));
        boolean replace = verb.equals("REPLACE");
        return jdbc.execute((ConnectionCallback<Loaded>) connection -> {
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
                    SQLWarning warning = statement.getWarnings();
                    if (replace) {
                        // a replaced row counts twice (deleted and inserted)
                        if (affected < n || affected > 2L * n || warning != null) {
                            throw new IllegalStateException("replacing " + n + " rows in " + table + " affected " + affected
                                    + (warning == null ? "" : "; the database warned: " + warning.getMessage()));
                        }
                        inserted += n;
                        continue;
                    }
                    if (affected == n && warning == null) {
                        inserted += n;
                        continue;
                    }
                    if (duplicatesAllowed && onlyDuplicateKeys(warning)) {
                        long warnings;
                        try (Statement count = connection.createStatement();
                             ResultSet rs = count.executeQuery("SHOW COUNT(*) WARNINGS")) {
                            rs.next();
                            warnings = rs.getLong(1);
                        }
                        if (warnings == n - affected) {
                            inserted += affected;
                            List<String> sliceKeys = duplicateKeys(warning, warnings);
                            keys = keys == null || sliceKeys == null ? null : keys;
                            if (keys != null) {
                                keys.addAll(sliceKeys);
                            }
                            continue;
                        }
                    }
                    throw new IllegalStateException("inserting " + n + " rows into " + table + " inserted " + affected
                            + (warning == null ? "" : "; the database warned: " + warning.getMessage()));
                }
            }
            return new Loaded(inserted, keys);
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

    /**
     * The rows as the server reads them from the load: each field's value unescaped, null for {@code \N}.
     *
     * @throws IllegalStateException when a row has not {@code width} fields (a load would warn)
     */
    List<String[]> values(int width) {
        List<String[]> out = new ArrayList<>(rows);
        byte[] field = new byte[256];
        int length = 0;
        boolean isNull = false;
        String[] row = new String[width];
        int column = 0;
        for (int i = 0; i < size; i++) {
            byte b = buf[i];
            if (b == '\\') {
                byte e = buf[++i];
                if (e == 'N' && length == 0 && (i + 1 == size || buf[i + 1] == '\t' || buf[i + 1] == '\n')) {
                    isNull = true;
                    continue;
                }
                b = (byte) switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> 0;
                    default -> e;
                };
            } else if (b == '\t' || b == '\n') {
                if (column == width) {
                    throw new IllegalStateException("a row has more than the " + width + " columns loaded");
                }
                row[column++] = isNull ? null : new String(field, 0, length, StandardCharsets.UTF_8);
                length = 0;
                isNull = false;
                if (b == '\n') {
                    if (column != width) {
                        throw new IllegalStateException("a row has " + column + " of the " + width + " columns loaded");
                    }
                    out.add(row);
                    row = new String[width];
                    column = 0;
                }
                continue;
            }
            if (length == field.length) {
                field = Arrays.copyOf(field, 2 * length);
            }
            field[length++] = b;
        }
        return out;
    }

    private void separator() {
        if (rowStarted) {
            raw('\t');
        }
        rowStarted = true;
    }

    private BulkLoad ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Writes an ASCII character, escaped; the caller has ensured room for two bytes. */
    private void escaped(char c) {
        char escape = switch (c) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\0' -> '0';
            default -> 0;
        };
        if (escape == 0) {
            buf[size++] = (byte) c;
        } else {
            buf[size++] = '\\';
            buf[size++] = (byte) escape;
        }
    }

    private void escapeUtf8(String rest) {
        StringBuilder s = new StringBuilder(rest.length() + 8);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\0' -> s.append("\\0");
                default -> s.append(c);
            }
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private BulkLoad raw(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}

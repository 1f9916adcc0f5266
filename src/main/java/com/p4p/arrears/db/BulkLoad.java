package com.p4p.arrears.db;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for MySQL's {@code LOAD DATA LOCAL INFILE}, built in memory, then written into a table on the
 * connection of the caller's transaction, so they commit or roll back with the chunk like any insert.
 * <p>
 * The write is exactly as strict as the inserts it replaces ({@link StrictCounts}): every row inserted
 * as given and nothing warned about (with LOCAL the server turns errors into warnings: a duplicate key
 * skipped, a too long value truncated), else it fails, rolling the chunk back.
 * <p>
 * Format: tab-separated, LF-terminated, backslash escapes, {@code \N} for NULL, UTF-8.
 * <p>
 * How the rows reach the table is decided per data source ({@link BulkPath}): streamed by the driver as
 * one load ({@link LoadDataLocal}), or, where the server or the driver refuses LOAD DATA LOCAL, the same
 * values as multi-row INSERT (REPLACE, INSERT IGNORE) statements ({@link BatchedInsert}). This class is
 * the rows and that choice; the callers do not know which path ran.
 */
public final class BulkLoad {

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

    /** The rows' size in bytes, as loaded. */
    int byteSize() {
        return size;
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
            BatchedInsert.run(jdbc, "REPLACE", table, columns, this, false);
        } else {
            LoadDataLocal.replace(jdbc, buf, size, rows, table, columns);
        }
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
            return BatchedInsert.run(jdbc, duplicatesAllowed ? "INSERT IGNORE" : "INSERT", table, columns, this,
                    duplicatesAllowed);
        }
        return LoadDataLocal.insert(jdbc, buf, size, rows, table, columns, duplicatesAllowed);
    }

    private static boolean batched(JdbcTemplate jdbc) {
        return BulkPath.of(jdbc.getDataSource()) == BulkPath.BATCHED_INSERT;
    }

    /**
     * The rows as the server reads them from the load: each field's value unescaped, null for {@code \N}.
     *
     * @throws IllegalStateException when a row has not {@code width} fields (a load would warn)
     */
    List<String[]> values(int width) {
        return TsvValues.read(buf, size, rows, width);
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

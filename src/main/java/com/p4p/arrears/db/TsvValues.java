package com.p4p.arrears.db;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@link BulkLoad}'s rows back as the server reads a LOAD DATA file of that format (tab-separated,
 * LF-terminated, backslash escapes, {@code \N} for NULL, UTF-8): what {@link BatchedInsert} binds, so
 * both paths write the same values.
 */
final class TsvValues {

    private TsvValues() {
    }

    /**
     * The rows as the server reads them from the load: each field's value unescaped, null for {@code \N}.
     *
     * @throws IllegalStateException when a row has not {@code width} fields (a load would warn)
     */
    static List<String[]> read(byte[] buf, int size, int rows, int width) {
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
}
